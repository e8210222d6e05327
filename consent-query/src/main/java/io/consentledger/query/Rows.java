package io.consentledger.query;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;

/**
 * Converts instants to and from {@code TIMESTAMP WITH TIME ZONE} columns, and lists of ids to SQL arrays (for
 * {@code = ANY(?)}), the same way on H2 and PostgreSQL.
 */
public final class Rows {

    private Rows() {}

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The texts as one {@code VARCHAR} array parameter: {@code column = ANY(?)} matches any of them. */
    public static SqlTypeValue array(String[] values) {
        return new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(Connection connection, int sqlType, String typeName) throws SQLException {
                return connection.createArrayOf("VARCHAR", values);
            }
        };
    }
}
