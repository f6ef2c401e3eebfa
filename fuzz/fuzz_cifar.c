/* The CIFAR-10 batch parser: the input as one batch, then appended again as a second. */
#include <string.h>

#include "data/parse.h"
#include "fuzz_target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    activ_dataset d;
    memset(&d, 0, sizeof d);
    if (cifar_append(&d, data, size, "fuzz-input", err, sizeof err)) {
        FUZZ_ASSERT(strncmp(err, "fuzz-input: ", 12) == 0);
        FUZZ_ASSERT(d.n == 0 && d.x == NULL);
        return 0;
    }
    FUZZ_ASSERT(d.n * CIFAR_RECORD == size && d.c == 3 && d.h == 32 && d.w == 32 && d.classes == 10);
    FUZZ_ASSERT(cifar_append(&d, data, size, "again", err, sizeof err) == 0);
    size_t half = d.n / 2, dim = activ_dataset_dim(&d);
    FUZZ_ASSERT(memcmp(d.x, d.x + half * dim, half * dim * sizeof *d.x) == 0);
    for (size_t i = 0; i < d.n; i++) FUZZ_ASSERT(d.y[i] < 10);
    activ_dataset_free(&d);
    return 0;
}
