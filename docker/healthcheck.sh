#!/usr/bin/env bash
# Healthcheck of an evalwatch service in docker-compose.yml: healthy once GET /q/health/ready on port $1 answers 200
# (every Quarkus readiness check up: Kafka, the database, bubblewrap...). Plain bash over /dev/tcp, so the images
# need neither curl nor wget.
set -u
exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
printf 'GET /q/health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
read -r -t 5 status <&3 && [[ "$status" == *" 200 "* ]]
