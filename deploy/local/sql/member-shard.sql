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
  created_at          DATETIME(3)  NOT NULL,
  updated_at          DATETIME(3)  NOT NULL,
  PRIMARY KEY (member_id)
) ENGINE=InnoDB;
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
CREATE TABLE IF NOT EXISTS mobile_index_{t} (
  mobile    VARCHAR(20) NOT NULL,
  member_id BIGINT      NOT NULL,
  PRIMARY KEY (mobile)
) ENGINE=InnoDB;
CREATE TABLE IF NOT EXISTS account_index_{t} (
  account_key VARCHAR(300) NOT NULL COMMENT 'platform|account type|app id|value',
  member_id   BIGINT       NOT NULL,
  binding_id  BIGINT       NULL,
  PRIMARY KEY (account_key)
) ENGINE=InnoDB;
