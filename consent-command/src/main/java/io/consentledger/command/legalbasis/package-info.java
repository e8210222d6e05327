/** The names people see for the six legal bases of GDPR Art. 6(1), set by admins. */
package io.consentledger.command.legalbasis;
