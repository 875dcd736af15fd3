-- The legacy SqlServer schema, written in T-SQL style. Locally it runs on H2 in MSSQLServer mode:
-- brackets, IDENTITY, NVARCHAR, DATETIME2 work; CLUSTERED, procedural T-SQL and SYSDATETIME do not.
CREATE TABLE IF NOT EXISTS [dbo].[MemberInfo] (
  [MemberId]      BIGINT        NOT NULL PRIMARY KEY,
  [Mobile]        NVARCHAR(20)  NULL,
  [NickName]      NVARCHAR(64)  NULL,
  [RegSource]     NVARCHAR(32)  NOT NULL,
  [Status]        INT           NOT NULL,
  [CreateTime]    DATETIME2     NOT NULL,
  [UpdateTime]    DATETIME2     NOT NULL
);
CREATE TABLE IF NOT EXISTS [dbo].[MemberAccount] (
  [AccountId]     BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
  [MemberId]      BIGINT        NOT NULL,
  [Platform]      NVARCHAR(32)  NOT NULL,
  [AccountType]   NVARCHAR(32)  NOT NULL,
  [AppId]         NVARCHAR(64)  NOT NULL,
  [AccountValue]  NVARCHAR(128) NOT NULL,
  [UnionId]       NVARCHAR(128) NULL,
  [BindTime]      DATETIME2     NOT NULL
);
CREATE INDEX IF NOT EXISTS [IX_MemberAccount_MemberId] ON [dbo].[MemberAccount] ([MemberId]);
CREATE INDEX IF NOT EXISTS [IX_MemberInfo_UpdateTime] ON [dbo].[MemberInfo] ([UpdateTime]);
