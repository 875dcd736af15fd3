-- Unsharded tables beside the shards (single data source member_meta on center A's master).
CREATE DATABASE IF NOT EXISTS member_meta;
USE member_meta;
CREATE TABLE IF NOT EXISTS id_worker (
  worker_id   INT          NOT NULL,
  owner       VARCHAR(128) NOT NULL,
  lease_until DATETIME(3)  NOT NULL,
  PRIMARY KEY (worker_id)
) ENGINE=InnoDB;
-- Who relays the outbox: one holder at a time, by lease.
CREATE TABLE IF NOT EXISTS relay_lease (
  name        VARCHAR(64)  NOT NULL,
  owner       VARCHAR(128) NOT NULL,
  lease_until DATETIME(3)  NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB;
