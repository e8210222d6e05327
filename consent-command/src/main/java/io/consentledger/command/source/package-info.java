/** The source aggregate, its seed data and the admin endpoints that define and retire sources. */
package io.consentledger.command.source;
