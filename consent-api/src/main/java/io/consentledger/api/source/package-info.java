/** Sources personal data comes from (business card, web form, import…): definition and retirement. */
package io.consentledger.api.source;
