# The pilotgraph API (see docker-compose.yml, which runs it against Neo4j).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Chinese glyphs for the charts of the briefings.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY pilotgraph/ pilotgraph/
COPY graph/ graph/
COPY loaders/ loaders/
COPY queries/ queries/
COPY api/ api/
COPY viz/ viz/
RUN pip install ".[viz]"
COPY data/ data/

RUN useradd --create-home --uid 10001 pilotgraph
USER pilotgraph
EXPOSE 8000
CMD ["pilotgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
