# Runtime for sandbox-service: a JDK, since Java tasks are compiled with javac, plus what generated code runs with
# and is analysed by: bubblewrap and setpriv (isolation); Python 3 with pyflakes, mccabe, bandit and mypy (the
# analysers), numpy (EvalPlus suites) and pip (wheelhouse environments); Node.js and npm (JavaScript tasks, Node
# environments); Maven (Java environments). Maven's own dependency brings a distribution JRE; the image's PATH and
# JAVA_HOME keep Temurin's JDK first.
FROM eclipse-temurin:17-jdk
RUN apt-get update && apt-get install -y --no-install-recommends bubblewrap util-linux python3 \
      python3-pyflakes python3-mccabe python3-bandit mypy python3-numpy python3-pip nodejs npm maven \
    && rm -rf /var/lib/apt/lists/*
