package com.example.consumer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.github.webuimigrations.command.MigrationCommandLine;

@SpringBootApplication
public class ConsumerApplication {

	public static void main(String[] args) {
		// java -jar consumer.jar rollback --to 7e5b5dc7342b, as well as --webui.migrations.command=...
		if (MigrationCommandLine.isCommand(args)) {
			System.exit(MigrationCommandLine.run(ConsumerApplication.class, args));
		}
		SpringApplication.run(ConsumerApplication.class, args);
	}

}
