# Runtime for sandbox-service: a JRE plus what generated code runs with and is analysed by.
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends bubblewrap util-linux python3 \
      python3-pyflakes python3-mccabe python3-bandit mypy nodejs \
    && rm -rf /var/lib/apt/lists/*
