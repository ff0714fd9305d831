package io.github.webuimigrations.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The libraries the starter runs on but does not carry inside its jar, and the versions its
 * builds run them at. A build that manages another version (Spring Boot's parent does, for
 * the drivers) gets one WARN line per library at start-up naming the property that pins it.
 * Liquibase is not here: the starter carries its own, relocated.
 *
 * @author webui-migrations
 */
final class TestedVersions {

	private static final Log logger = LogFactory.getLog(TestedVersions.class);

	/**
	 * Each library, the versions tested and where: the starter's suite runs the first; the
	 * consumer project in CI runs what Spring Boot 4.0.7's parent manages.
	 */
	static final List<Library> LIBRARIES = List.of(
			new Library("org.xerial", "sqlite-jdbc", "org.sqlite.JDBC", "sqlite-jdbc.version",
					List.of("3.54.1.0", "3.50.3.0")),
			new Library("io.github.willena", "sqlite-jdbc", "org.sqlite.mc.SQLiteMCConfig", null,
					List.of("3.40.1.0")),
			new Library("org.postgresql", "postgresql", "org.postgresql.Driver", "postgresql.version",
					List.of("42.7.14", "42.7.11")),
			new Library("org.flywaydb", "flyway-core", "org.flywaydb.core.Flyway", "flyway.version",
					List.of("11.14.1")));

	private TestedVersions() {
	}

	/**
	 * Logs one WARN line for each library on the class path at a version not tested.
	 * @param classLoader where the application's libraries are
	 */
	static void warnIfUntested(ClassLoader classLoader) {
		for (String difference : differences(classLoader)) {
			logger.warn(difference);
		}
	}

	/**
	 * The libraries on the class path at a version not tested, a line each.
	 * @param classLoader where the application's libraries are
	 * @return one line per library, empty when all are tested versions
	 */
	static List<String> differences(ClassLoader classLoader) {
		List<String> lines = new ArrayList<>();
		for (Library library : LIBRARIES) {
			String version = library.version(classLoader);
			if (version != null && !library.tested().contains(version)) {
				lines.add(library.difference(version));
			}
		}
		return lines;
	}

	/**
	 * A library and the versions tested.
	 *
	 * @param group its Maven group
	 * @param artifact its Maven artifact
	 * @param probe a class only it has: tells whether it is on the class path, and whose jar says its version
	 * @param bootProperty the property of Spring Boot's parent that pins it, if Boot manages it
	 * @param tested the versions the builds ran
	 */
	record Library(String group, String artifact, String probe, String bootProperty, List<String> tested) {

		String coordinates() {
			return this.group + ":" + this.artifact;
		}

		/** The version on the class path: its Maven descriptor, else its jar's manifest; null when absent. */
		String version(ClassLoader classLoader) {
			Class<?> type;
			try {
				type = Class.forName(this.probe, false, classLoader);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				return null;
			}
			String path = "META-INF/maven/" + this.group + "/" + this.artifact + "/pom.properties";
			try (InputStream in = type.getClassLoader().getResourceAsStream(path)) {
				if (in != null) {
					Properties properties = new Properties();
					properties.load(in);
					return properties.getProperty("version");
				}
			}
			catch (IOException ex) {
				// the manifest may still say
			}
			Package pkg = type.getPackage();
			return (pkg != null) ? pkg.getImplementationVersion() : null;
		}

		String difference(String version) {
			String pin = (this.bootProperty != null)
					? "pin it with the Maven property " + this.bootProperty + " (Gradle: ext['" + this.bootProperty + "'])"
					: "pin it in your dependencyManagement";
			return coordinates() + " " + version + " is on the class path; webui-migrations is tested with "
					+ String.join(" and ", this.tested) + ": " + pin + " = " + this.tested.get(0);
		}

	}

}
