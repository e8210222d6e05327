/** Contacts as the CRM knows them: registration and contact details. Names and emails are personal data. */
package io.consentledger.api.contact;
