/*
 * The activation spec parser ("name", "name:k=v,...", "name(k=v)"): a parsed
 * spec has every parameter in its range and evaluates without crashing.
 */
#include <string.h>

#include "activ/activ.h"
#include "fuzz_target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) return 0;
    char spec[4097];
    memcpy(spec, data, size);
    spec[size] = 0;
    const activ_entry *e = NULL;
    double p[ACTIV_MAX_PARAMS];
    char err[256];
    err[0] = 0;
    if (activ_parse_spec(spec, &e, p, err, sizeof err)) {
        FUZZ_ASSERT(err[0] != 0 && memchr(err, 0, sizeof err) != NULL);
        return 0;
    }
    FUZZ_ASSERT(e != NULL && e->nparams <= ACTIV_MAX_PARAMS);
    for (unsigned i = 0; i < e->nparams; i++) FUZZ_ASSERT(activ_param_check(&e->params[i], p[i]) == 0);
    static const double xs[] = {-3.0, -0.5, 0.0, 0.5, 3.0};
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        volatile double y = activ_f64(e, xs[i], p) + activ_df64(e, xs[i], p);
        (void)y;
    }
    return 0;
}
