# mediawatch as a container: built from source with the same Maven build as CI, run on a JRE.
# docker-compose.yml builds it; alone: docker build -t mediawatch . && docker run -p 8080:8080 \
#   -e MEDIAWATCH_KAFKA_BOOTSTRAP_SERVERS=broker:9092 mediawatch

FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY topics ./topics
COPY src ./src
RUN mvn -B -DskipTests package

FROM eclipse-temurin:17-jre
# curl serves the health check of docker-compose.yml.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /var/lib/mediawatch --create-home mediawatch
COPY --from=build /src/target/mediawatch.jar /app/mediawatch.jar
USER mediawatch
WORKDIR /var/lib/mediawatch
# Listen beyond loopback inside the container, so Prometheus and the published port reach /metrics.
ENV MEDIAWATCH_HTTP_HOST=0.0.0.0
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 \
    CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["java", "-jar", "/app/mediawatch.jar"]
CMD ["run", "--data-dir", "/var/lib/mediawatch"]
