# syntax=docker/dockerfile:1

# Build: the project's own Maven wrapper on the release the code is compiled for (Java 17).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY graphql-schema graphql-schema
COPY src src
# BuildKit cache mount: the wrapper's Maven distribution and the local repository survive between builds
# without ending up in an image layer.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -DskipTests package \
 && cp target/marquee.jar /marquee.jar

# Run: a JRE only. 21 rather than 17 so that spring.threads.virtual.enabled (application.yml) takes effect.
FROM eclipse-temurin:21-jre
# The Temurin Ubuntu images ship curl (adoptium/containers#255); fail the build here rather than
# produce an image whose HEALTHCHECK can never pass if a future base image drops it.
RUN command -v curl \
 && groupadd --system marquee \
 && useradd --system --gid marquee --home-dir /app --shell /usr/sbin/nologin marquee \
 && mkdir -p /app/data \
 && chown -R marquee:marquee /app
WORKDIR /app
COPY --from=build --chown=marquee:marquee /marquee.jar /app/marquee.jar
USER marquee
# Used only by the embedded default (no MONGODB_URI): its H2 file lives here. Mount a volume on it to
# keep the data across containers.
ENV MARQUEE_DATA_DIR=/app/data
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=3 \
  CMD curl -fsS -o /dev/null http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/marquee.jar"]
