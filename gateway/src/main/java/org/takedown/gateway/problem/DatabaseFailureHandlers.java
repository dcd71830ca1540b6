package org.takedown.gateway.problem;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ErrorResponseProcessorExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Singleton;

/**
 * The exceptions of the database layer (Micronaut Data, its connections and transactions) go
 * straight to {@link ProblemErrorResponseProcessor}, which answers 503 when the database cannot be
 * reached and 500 otherwise, and logs one line. Without these, Micronaut would first log each of
 * them with its stack trace, once per request for as long as the database is down. So does any
 * other exception no handler claims ({@link Unexpected}): Micronaut's own line would quote its
 * message, and a message may quote a row or a request body.
 */
final class DatabaseFailureHandlers {

  private DatabaseFailureHandlers() {}

  /** A failure with no response of its own: the processor decides what it becomes. */
  abstract static class ToProblem<T extends Throwable>
      extends ErrorResponseProcessorExceptionHandler<T> {

    ToProblem(ErrorResponseProcessor<?> processor) {
      super(processor);
    }

    @Override
    protected MutableHttpResponse<?> createResponse(T exception) {
      return HttpResponse.serverError();
    }
  }

  /** A statement failed (Micronaut Data's JDBC operations). */
  @Produces
  @Singleton
  static final class DataAccessFailure extends ToProblem<DataAccessException> {
    DataAccessFailure(ErrorResponseProcessor<?> processor) {
      super(processor);
    }
  }

  /** A transaction could not begin, commit or roll back. */
  @Produces
  @Singleton
  static final class TransactionFailure extends ToProblem<TransactionException> {
    TransactionFailure(ErrorResponseProcessor<?> processor) {
      super(processor);
    }
  }

  /** A connection could not be opened, set up or released. */
  @Produces
  @Singleton
  static final class ConnectionFailure extends ToProblem<ConnectionException> {
    ConnectionFailure(ErrorResponseProcessor<?> processor) {
      super(processor);
    }
  }

  /** No connection from the pool ({@code connection-timeout} passed). */
  @Produces
  @Singleton
  static final class NoConnection
      extends ToProblem<
          io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException> {
    NoConnection(ErrorResponseProcessor<?> processor) {
      super(processor);
    }
  }

  /**
   * Whatever no more specific handler takes (Micronaut picks the closest type): a 500 problem with
   * a correlation id, logged by the processor without the exception's message.
   */
  @Produces
  @Singleton
  static final class Unexpected extends ToProblem<Throwable> {
    Unexpected(ErrorResponseProcessor<?> processor) {
      super(processor);
    }
  }
}
