/**
 * Links to a person's personal profile page (emailed to them, or issued by a staff member to hand over) and links that
 * confirm a consent: opaque, expiring tokens, encrypted and authenticated with a key of the installation, so that they
 * carry nothing readable and cannot be forged or altered; a profile link also says who it is from.
 */
package io.consentledger.command.profile;
