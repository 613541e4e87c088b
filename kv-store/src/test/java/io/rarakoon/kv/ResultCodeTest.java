package io.rarakoon.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Result code numbers are Arakoon 1.8's (client protocol §5.2); unknown numbers map safely. */
class ResultCodeTest {

    @Test
    void numbersMatchArakoon() {
        assertEquals(0x05, ResultCode.NOT_FOUND.code());
        assertEquals(0x07, ResultCode.ASSERTION_FAILED.code());
        assertEquals(0x21, ResultCode.NO_LONGER_MASTER.code());
        assertEquals(0x26, ResultCode.BAD_INPUT.code());
        assertEquals(0x81, ResultCode.USERFUNCTION_FAILURE.code());
        assertEquals(0xff, ResultCode.UNKNOWN_FAILURE.code());
    }

    @Test
    void everyCodeRoundTripsAndUnknownNumbersAreUnknownFailure() {
        for (ResultCode code : ResultCode.values()) {
            assertEquals(code, ResultCode.fromCode(code.code()));
        }
        assertEquals(ResultCode.UNKNOWN_FAILURE, ResultCode.fromCode(0x02));
        assertEquals(ResultCode.UNKNOWN_FAILURE, ResultCode.fromCode(17));
    }
}
