/** The runnable assembly: the Spring Boot application, Axon wiring, security and web error handling. */
package io.consentledger.app;
