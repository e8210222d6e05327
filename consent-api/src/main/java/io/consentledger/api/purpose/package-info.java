/** Purposes of processing (the admin's "Privacy" settings): definition, versioned revision and retirement. */
package io.consentledger.api.purpose;
