/* What every fuzz target defines, and how it reports a broken promise. */
#ifndef ACTIV_FUZZ_TARGET_H
#define ACTIV_FUZZ_TARGET_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* libFuzzer's entry point (also called by tests/fuzz_replay.c on saved inputs). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A violated invariant aborts, which libFuzzer and the replay test both report. */
#define FUZZ_ASSERT(cond)                                                                                        \
    do {                                                                                                         \
        if (!(cond)) {                                                                                           \
            fprintf(stderr, "%s:%d: invariant violated: %s\n", __FILE__, __LINE__, #cond);                     \
            abort();                                                                                             \
        }                                                                                                        \
    } while (0)

#endif
