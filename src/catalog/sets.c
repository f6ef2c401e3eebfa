/*
 * Named sets of entries: the activations the seed blog post names and the
 * 18 of the survey's benchmark (Dubey, Singh & Chaudhuri 2022, Tables 8-11).
 * The search and the listings take these names; "all" is the whole catalog.
 */
#include <string.h>

#include "activ/activ.h"

static const char *const seed_set[] = {"sigmoid", "tanh",  "relu", "leaky_relu", "prelu",    "brelu",
                                       "elu",     "selu",  "silu", "stanh",      "psf",      "resech",
                                       "apl",     "swish", "softplus", "mish"};
static const char *const benchmark_set[] = {"sigmoid", "tanh",  "elliott", "relu",   "leaky_relu", "prelu",
                                            "elu",     "selu",  "gelu",    "celu",   "softplus",   "swish",
                                            "abrelu",  "lisht", "srs",     "mish",   "pau",        "pdelu"};

static const struct {
    const char *name, *doc;
    const char *const *members;
    size_t n;
} sets[] = {
    {"seed", "the 16 activations the seed blog post names", seed_set, sizeof seed_set / sizeof *seed_set},
    {"benchmark", "the 18 activations of the survey's benchmark", benchmark_set,
     sizeof benchmark_set / sizeof *benchmark_set},
};

size_t activ_set_count(void)
{
    return sizeof sets / sizeof *sets + 1;
}

const char *activ_set_name(size_t i, const char **doc)
{
    if (i < sizeof sets / sizeof *sets) {
        if (doc) *doc = sets[i].doc;
        return sets[i].name;
    }
    if (i == sizeof sets / sizeof *sets) {
        if (doc) *doc = "every entry of the catalog";
        return "all";
    }
    return NULL;
}

long activ_set_members(const char *set, const activ_entry **out, size_t max)
{
    if (!strcmp(set, "all")) {
        size_t n = activ_catalog_size();
        for (size_t i = 0; i < n && i < max; i++) out[i] = activ_catalog_get(i);
        return (long)n;
    }
    for (size_t s = 0; s < sizeof sets / sizeof *sets; s++) {
        if (strcmp(set, sets[s].name)) continue;
        for (size_t i = 0; i < sets[s].n && i < max; i++) out[i] = activ_find(sets[s].members[i], NULL);
        return (long)sets[s].n;
    }
    return -1;
}
