/** The purpose aggregate, its seed data and the admin endpoints that define, revise and retire purposes. */
package io.consentledger.command.purpose;
