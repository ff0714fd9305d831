package io.github.webuimigrations.database;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * How messages name a setting: as the user set it. open-webui's variable when it came from
 * the environment ({@code DATABASE_URL}), the property and where it was written when it came
 * from a file ({@code webui.database.url (class path resource [application.yml], line 3)}),
 * a command-line argument or a system property; open-webui's variable when it is not set.
 *
 * @author webui-migrations
 */
@FunctionalInterface
public interface SettingNames {

	/** Names every setting by open-webui's variable. */
	SettingNames VARIABLES = (variable) -> variable;

	/**
	 * The name of a setting, as the user set it.
	 * @param variable open-webui's variable, e.g. {@code DATABASE_URL}
	 * @return the name to put in a message
	 */
	String of(String variable);

	/**
	 * Names from where each setting's value came in an environment.
	 * @param environment the application's environment
	 * @return the names
	 */
	static SettingNames of(Environment environment) {
		Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
		return (variable) -> {
			String property = OpenWebuiEnvironmentPostProcessor.propertyOf(variable);
			if (property == null) {
				return variable;
			}
			ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
			for (ConfigurationPropertySource source : sources) {
				ConfigurationProperty value = source.getConfigurationProperty(name);
				if (value != null) {
					return describe(property, value.getOrigin(), variable);
				}
			}
			return variable;
		};
	}

	private static String describe(String property, Origin origin, String variable) {
		if (origin == null) {
			return variable;
		}
		Origin inner = (origin instanceof PropertySourceOrigin wrapper && wrapper.getOrigin() != null) ? wrapper.getOrigin()
				: origin;
		if (inner instanceof SystemEnvironmentOrigin environment) {
			return environment.getProperty();
		}
		if (inner instanceof TextResourceOrigin text && text.getResource() != null) {
			return property + " (" + text.getResource().getDescription()
					+ ((text.getLocation() != null) ? ", line " + (text.getLocation().getLine() + 1) : "") + ")";
		}
		if (origin instanceof PropertySourceOrigin source) {
			String kind = source.getPropertySource().getName();
			if (kind.equals(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME)) {
				return "--" + property;
			}
			if (kind.equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)) {
				return "-D" + property;
			}
			return property + " (" + kind + ")";
		}
		return property;
	}

}
