# The service image, from the jar that `./mvnw -DskipTests package` builds.
FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/consent-ledger consent && mkdir -p /var/lib/consent-ledger \
    && chown consent /var/lib/consent-ledger
USER consent
COPY consent-app/target/consent-app.jar /opt/consent-ledger/consent-app.jar
ENV CONSENT_DATA_DIR=/var/lib/consent-ledger
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/consent-ledger/consent-app.jar"]
