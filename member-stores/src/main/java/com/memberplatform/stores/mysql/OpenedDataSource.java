package com.memberplatform.stores.mysql;

import com.memberplatform.stores.startup.BackgroundStart;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The sharded data source as the services hold it from their start: it goes to ShardingSphere's once that is open,
 * and until then refuses every connection at once with SQLState 08001, which {@link MysqlUnavailable} reads as
 * MySQL being away (reads take their fallback, writes are queued).
 */
final class OpenedDataSource implements DataSource {

    private final BackgroundStart<DataSource> sharded;

    OpenedDataSource(BackgroundStart<DataSource> sharded) {
        this.sharded = sharded;
    }

    private DataSource target() throws SQLException {
        return sharded.value().orElseThrow(() -> new SQLTransientConnectionException(sharded.reason(), "08001"));
    }

    @Override
    public Connection getConnection() throws SQLException {
        return target().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return target().getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target().getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return target().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || sharded.value().isPresent() && target().isWrapperFor(type);
    }
}
