package io.github.webuimigrations.sample;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.github.webuimigrations.actuate.MigrationsEndpoint;

/**
 * Reading is open; writing to the {@code migrations} endpoint (rollback, exposed only when
 * {@code management.endpoint.migrations.access=unrestricted}) needs the ADMIN role over HTTP
 * basic. The one admin exists only when {@code sample.admin.password} is set: otherwise nobody
 * can roll back over HTTP, and no generated password is ever logged.
 *
 * @author webui-migrations
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SampleSecurity {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		RequestMatcher migrationsWrite = new AndRequestMatcher(EndpointRequest.to(MigrationsEndpoint.class),
				(request) -> !HttpMethod.GET.matches(request.getMethod()));
		http.authorizeHttpRequests(
				(requests) -> requests.requestMatchers(migrationsWrite).hasRole("ADMIN").anyRequest().permitAll())
			.httpBasic(Customizer.withDefaults())
			// actuator writes take JSON from scripts, not forms
			.csrf((csrf) -> csrf.ignoringRequestMatchers(EndpointRequest.toAnyEndpoint()));
		return http.build();
	}

	@Bean
	InMemoryUserDetailsManager userDetailsService(@Value("${sample.admin.password:}") String adminPassword) {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		List<UserDetails> users = new ArrayList<>();
		if (!adminPassword.isEmpty()) {
			users.add(User.withUsername("admin").password(encoder.encode(adminPassword)).roles("ADMIN").build());
		}
		return new InMemoryUserDetailsManager(users);
	}

}
