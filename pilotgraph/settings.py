"""The one Settings class. The store is chosen by whether NEO4J_URI is set.

>>> s = Settings(_env_file=None, neo4j_uri=None)
>>> s.store_kind
'local'
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_PLACEHOLDERS = {"changeme", "change-me", "password", "secret", "neo4j", "test", "token"}


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("pilotgraph", appauthor=False)) / "pilotgraph.sqlite"


class Settings(BaseSettings):
    """Configuration from the environment (and an optional `.env`).

    | variable | default | meaning |
    |---|---|---|
    | NEO4J_URI | unset | bolt:// or neo4j:// URI; unset means the embedded store |
    | NEO4J_USERNAME / NEO4J_USER | neo4j | user name |
    | NEO4J_PASSWORD | unset | password (required with NEO4J_URI) |
    | NEO4J_DATABASE | neo4j | database name |
    | PILOTGRAPH_DB | user data dir | SQLite file of the embedded store |
    | PILOTGRAPH_API_TOKEN | unset | bearer token for loading through the API; unset turns that endpoint off |
    | PILOTGRAPH_CORS_ORIGINS | empty | comma-separated origins allowed by CORS |
    | PILOTGRAPH_CYPHER_TIMEOUT | 5.0 | seconds a read-only Cypher query may run |
    | PILOTGRAPH_CYPHER_MAX_ROWS | 1000 | rows returned before `truncated` is set |
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    neo4j_uri: str | None = Field(default=None, validation_alias="NEO4J_URI",
                                  description="bolt:// or neo4j:// URI; unset means the embedded store")
    neo4j_username: str = Field(default="neo4j",
                                validation_alias=AliasChoices("NEO4J_USERNAME", "NEO4J_USER"),
                                description="Neo4j user name")
    neo4j_password: str | None = Field(default=None, validation_alias="NEO4J_PASSWORD",
                                       description="Neo4j password")
    neo4j_database: str = Field(default="neo4j", validation_alias="NEO4J_DATABASE",
                                description="Neo4j database name")
    db_path: Path = Field(default_factory=default_db_path, validation_alias="PILOTGRAPH_DB",
                          description="SQLite file of the embedded store")
    api_token: str | None = Field(default=None, validation_alias="PILOTGRAPH_API_TOKEN",
                                  description="bearer token for POST /api/v1/reports; unset = off")
    cors_origins: str = Field(default="", validation_alias="PILOTGRAPH_CORS_ORIGINS",
                              description="comma-separated CORS origins")
    cypher_timeout: float = Field(default=5.0, validation_alias="PILOTGRAPH_CYPHER_TIMEOUT",
                                  description="seconds a read-only Cypher query may run")
    cypher_max_rows: int = Field(default=1000, validation_alias="PILOTGRAPH_CYPHER_MAX_ROWS",
                                 description="row cap of read-only Cypher answers")

    @field_validator("neo4j_uri", "neo4j_password", "api_token", mode="before")
    @classmethod
    def _blank_is_unset(cls, value):
        return value or None

    @field_validator("api_token")
    @classmethod
    def _no_placeholder_token(cls, value):
        if value is not None and (value.lower() in _PLACEHOLDERS or len(value) < 16):
            raise ValueError("PILOTGRAPH_API_TOKEN must be a real secret of at least 16 characters "
                             "(placeholders such as 'changeme' are refused); unset it to turn loading "
                             "through the API off")
        return value

    @property
    def store_kind(self) -> str:
        return "neo4j" if self.neo4j_uri else "local"

    @property
    def cors_origin_list(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]


def get_settings(**overrides) -> Settings:
    """Read the settings, turning pydantic's validation wall into one ConfigurationError."""
    from pydantic import ValidationError

    from pilotgraph.errors import ConfigurationError

    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'/'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigurationError(f"invalid configuration: {problems}") from None
