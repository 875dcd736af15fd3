-- One shard's tables; stack.sh repeats this for t = 0..tables-per-database-1 in every member_db_N.
-- member / member_binding are sharded by member_id; the two index tables by their own key, so a lookup by
-- mobile or account touches one shard (ARCHITECTURE.md section 3).
CREATE TABLE IF NOT EXISTS member_{t} (
  member_id           BIGINT       NOT NULL,
  mobile              VARCHAR(20)  NULL COMMENT 'E.164, e.g. +8613800138000',
  display_name        VARCHAR(64)  NULL,
  registered_platform VARCHAR(32)  NOT NULL,
  status              VARCHAR(16)  NOT NULL,
  version             BIGINT       NOT NULL,
  last_event_id       BIGINT       NOT NULL DEFAULT 0 COMMENT 'id of the change event of this version (ES lookup versions)',
  created_at          DATETIME(3)  NOT NULL,
  updated_at          DATETIME(3)  NOT NULL,
  PRIMARY KEY (member_id)
) ENGINE=InnoDB;
-- Added after the first release: existing shards get the column in place.
ALTER TABLE member_{t} ADD COLUMN IF NOT EXISTS last_event_id BIGINT NOT NULL DEFAULT 0 AFTER version;
CREATE TABLE IF NOT EXISTS member_binding_{t} (
  binding_id    BIGINT       NOT NULL,
  member_id     BIGINT       NOT NULL,
  platform      VARCHAR(32)  NOT NULL,
  account_type  VARCHAR(32)  NOT NULL,
  app_id        VARCHAR(64)  NOT NULL,
  account_value VARCHAR(128) NOT NULL,
  unionid       VARCHAR(128) NULL,
  bound_at      DATETIME(3)  NOT NULL,
  PRIMARY KEY (binding_id),
  KEY idx_member (member_id)
) ENGINE=InnoDB;
-- The index tables are the uniqueness guard: a value is claimed here (primary key) before the member's shard commits.
-- claimed_at names one claim (the claimer's stamp; a release deletes only the stamp it was given); stamped_at is when
-- this database stored that stamp, the only time a stale claim is judged by (decision 0008).
CREATE TABLE IF NOT EXISTS mobile_index_{t} (
  mobile     VARCHAR(20) NOT NULL,
  member_id  BIGINT      NOT NULL,
  claimed_at DATETIME(3) NOT NULL,
  PRIMARY KEY (mobile)
) ENGINE=InnoDB;
ALTER TABLE mobile_index_{t} ADD COLUMN IF NOT EXISTS stamped_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3);
CREATE TABLE IF NOT EXISTS account_index_{t} (
  account_key VARCHAR(300) NOT NULL COMMENT 'platform|account type|app id|value',
  member_id   BIGINT       NOT NULL,
  claimed_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (account_key)
) ENGINE=InnoDB;
ALTER TABLE account_index_{t} ADD COLUMN IF NOT EXISTS stamped_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3);
-- Change events, written in the member's own transaction and sent by the relay (transactional outbox).
CREATE TABLE IF NOT EXISTS member_outbox_{t} (
  event_id    BIGINT       NOT NULL,
  member_id   BIGINT       NOT NULL,
  version     BIGINT       NOT NULL,
  change_type VARCHAR(32)  NOT NULL,
  payload     MEDIUMTEXT   NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (event_id),
  UNIQUE KEY uk_member_version (member_id, version)
) ENGINE=InnoDB;
-- Operator actions on a member (quarantine, release), kept forever.
CREATE TABLE IF NOT EXISTS member_audit_{t} (
  audit_id       BIGINT       NOT NULL,
  member_id      BIGINT       NOT NULL,
  action         VARCHAR(32)  NOT NULL,
  operator       VARCHAR(64)  NOT NULL,
  reason         VARCHAR(255) NOT NULL,
  status_before  VARCHAR(16)  NOT NULL,
  status_after   VARCHAR(16)  NOT NULL,
  at             DATETIME(3)  NOT NULL,
  PRIMARY KEY (audit_id),
  KEY idx_member (member_id)
) ENGINE=InnoDB;
-- Replayable answers to idempotent requests (REST Idempotency-Key, MQ request id), placed by their own key.
CREATE TABLE IF NOT EXISTS idempotency_record_{t} (
  idem_key     VARCHAR(200) NOT NULL COMMENT 'caller id:key',
  request_hash CHAR(64)     NOT NULL,
  http_status  INT          NULL,
  response     MEDIUMTEXT   NULL,
  created_at   DATETIME(3)  NOT NULL,
  PRIMARY KEY (idem_key)
) ENGINE=InnoDB;
-- The expiry job (IdempotencyExpiry) deletes by age.
CREATE INDEX IF NOT EXISTS idx_created ON idempotency_record_{t} (created_at);
