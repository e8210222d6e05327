/**
 * The run of a bulk import as an aggregate: started, each chunk processed, finished. Its events drive the import's
 * tracking processor, one chunk per event, so the run survives restarts and one node works it at a time.
 */
package io.consentledger.command.imports;
