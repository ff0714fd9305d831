package io.github.webuimigrations.jpa;

import java.sql.Types;
import java.util.Set;

import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.type.SqlTypes;

/**
 * Hibernate's SQLite dialect, validating as SQLite stores: every integer column is 64 bits
 * wide whatever its declared type, and every text column is text. open-webui declares
 * {@code created_at INTEGER} where a Java {@code long} maps to {@code BIGINT}, and JSON as
 * {@code TEXT} or {@code JSON}; with Hibernate's own dialect {@code ddl-auto=validate} refuses
 * both. Nothing else differs: the DDL it would write and the values it binds are Hibernate's.
 *
 * @author webui-migrations
 */
public class OpenWebuiSqliteDialect extends SQLiteDialect {

	private static final Set<Integer> INTEGERS = Set.of(Types.BOOLEAN, Types.BIT, Types.TINYINT, Types.SMALLINT,
			Types.INTEGER, Types.BIGINT);

	private static final Set<Integer> TEXTS = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB,
			Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR, Types.NCLOB, SqlTypes.JSON);

	@Override
	public boolean equivalentTypes(int typeCode1, int typeCode2) {
		return super.equivalentTypes(typeCode1, typeCode2)
				|| (INTEGERS.contains(typeCode1) && INTEGERS.contains(typeCode2))
				|| (TEXTS.contains(typeCode1) && TEXTS.contains(typeCode2));
	}

}
