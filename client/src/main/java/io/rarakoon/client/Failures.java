package io.rarakoon.client;

import io.rarakoon.client.protocol.Response;

/** Maps a server's failure frame to the client's exception for it. */
final class Failures {
    private Failures() {}

    static ArakoonException toException(Response.Failure failure) {
        return switch (failure.code()) {
            case NOT_FOUND -> new NotFoundException(failure.message());
            case NOT_MASTER -> new NotMasterException(failure.message());
            case ASSERTION_FAILED -> new AssertionFailedException(failure.message());
            case GOING_DOWN -> new GoingDownException(failure.message());
            case INCONSISTENT_READ -> new InconsistentReadException(failure.message());
            case MAX_CONNECTIONS -> new MaxConnectionsException(failure.message());
            case BAD_INPUT -> new BadInputException(failure.message());
            case USER_FUNCTION_FAILURE -> new UserFunctionFailureException(failure.message());
            case NO_LONGER_MASTER -> new NoLongerMasterException(failure.message());
            default -> new ServerException(failure.code(), failure.message());
        };
    }
}
