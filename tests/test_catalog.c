/*
 * Structure of the catalog as a whole: complete entries, unique names, valid
 * defaults, the seed's and the benchmark's activations present, lookups,
 * parameter strings and their error messages.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "activ/activ.h"

static int failures;
#define CHECK(cond, ...)                                                                                     \
    do {                                                                                                     \
        if (!(cond)) {                                                                                       \
            failures++;                                                                                      \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                                                      \
            printf(__VA_ARGS__);                                                                             \
            printf("\n");                                                                                    \
        }                                                                                                    \
    } while (0)

static void check_entry(const activ_entry *e)
{
    const char *n = e->name;
    CHECK(n && *n, "entry without a name");
    for (const char *c = n; *c; c++)
        CHECK((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_', "%s: bad character in name", n);
    CHECK(e->title && e->formula && e->derivative && e->reference, "%s: title, formula, derivative and reference are required", n);
    CHECK(e->reference && strpbrk(e->reference, "0123456789"), "%s: the reference needs a year", n);
    CHECK(e->f && e->df, "%s: f and df are required", n);
    CHECK((unsigned)e->family < ACTIV_FAMILY_COUNT && (unsigned)e->kind < ACTIV_KIND_COUNT, "%s: family/kind", n);
    CHECK(e->nparams <= ACTIV_MAX_PARAMS, "%s: too many parameters", n);
    CHECK((e->nparams > 0) == (e->dp != NULL), "%s: dp must be given exactly when there are parameters", n);
    CHECK(e->bound.f_ulp >= 0.5 && e->bound.df_ulp >= 0.5 && e->bound.dp_ulp >= 0.5, "%s: error bounds unset", n);
    if (e->bound.f_abs > 0 || e->bound.df_abs > 0 || e->bound.dp_abs > 0)
        CHECK(e->bound.why != NULL, "%s: an absolute bound needs its reason", n);
    int nrandom = 0, ndata = 0, nbranch = 0;
    for (unsigned i = 0; i < e->nparams; i++) {
        const activ_param *p = &e->params[i];
        CHECK(p->name && p->doc, "%s: parameter %u needs a name and a doc", n, i);
        CHECK(activ_param_check(p, p->value) == 0, "%s: default of %s = %g is outside its range", n, p->name, p->value);
        if (p->flags & ACTIV_P_RANDOM) nrandom++;
        if (p->flags & ACTIV_P_DATA) ndata++;
        if (p->flags & ACTIV_P_BRANCH) {
            nbranch++;
            CHECK((p->flags & ACTIV_P_INTEGER) && p->min == 0 && p->max >= 1 && p->max < 64,
                  "%s: a branch parameter is a whole number from 0 to the copies less one", n);
        }
        for (unsigned j = 0; j < i; j++) CHECK(strcmp(p->name, e->params[j].name), "%s: parameter %s twice", n, p->name);
    }
    CHECK((e->kind == ACTIV_KIND_STOCHASTIC) == (nrandom == 1), "%s: stochastic kinds have exactly one random parameter", n);
    CHECK(e->kind != ACTIV_KIND_STOCHASTIC || (e->draw && e->expect), "%s: stochastic kinds need draw and expect", n);
    CHECK((e->kind == ACTIV_KIND_DATA_DEPENDENT) == (ndata == 1), "%s: data-dependent kinds have one data parameter", n);
    CHECK((e->kind == ACTIV_KIND_EXPANDING) == (nbranch == 1), "%s: expanding kinds have one branch parameter", n);
    /* the canonical name finds the entry itself */
    CHECK(activ_find(n, NULL) == e, "%s: lookup by name finds another entry", n);
    /* every alias and every preset resolves */
    for (int k = 0; k < ACTIV_MAX_ALIASES && e->aliases[k].name; k++) {
        const activ_alias *a = &e->aliases[k];
        char spec[160];
        snprintf(spec, sizeof spec, "%s%s%s", a->framework, *a->framework ? "." : "", a->name);
        const activ_entry *got;
        double p[ACTIV_MAX_PARAMS];
        char err[512];
        int rc = activ_parse_spec(spec, &got, p, err, sizeof err);
        CHECK(rc == 0 && got == e, "%s: alias '%s' does not resolve to it (%s)", n, spec, rc ? err : got->name);
    }
}

static void check_unique(void)
{
    size_t n = activ_catalog_size();
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++) {
            const activ_entry *a = activ_catalog_get(i), *b = activ_catalog_get(j);
            CHECK(strcmp(a->name, b->name), "duplicate entry %s", a->name);
            /* activ's own variant names must not shadow one another */
            for (int k = 0; k < ACTIV_MAX_ALIASES && a->aliases[k].name; k++)
                if (!*a->aliases[k].framework) {
                    const activ_entry *found = activ_find(a->aliases[k].name, NULL);
                    CHECK(found == a, "variant name %s of %s resolves to %s", a->aliases[k].name, a->name, found ? found->name : "nothing");
                }
        }
}

static void check_required(void)
{
    const activ_entry *members[64];
    long n = activ_set_members("seed", members, 64);
    CHECK(n == 16, "the seed names 16 activations, the set has %ld", n);
    for (long i = 0; i < n; i++) CHECK(members[i] != NULL, "seed's activation %ld missing", i);
    n = activ_set_members("benchmark", members, 64);
    CHECK(n == 18, "the benchmark has 18 activations, the set has %ld", n);
    for (long i = 0; i < n; i++) CHECK(members[i] != NULL, "benchmark's activation %ld missing", i);
    CHECK(activ_set_members("nonsense", members, 64) == -1, "unknown set");
    CHECK(activ_catalog_size() >= 80, "only %zu entries, want at least 80", activ_catalog_size());
}

static void check_specs(void)
{
    const activ_entry *e;
    double p[ACTIV_MAX_PARAMS];
    char err[512];
    CHECK(activ_parse_spec("LeakyReLU", &e, p, err, sizeof err) == 0 && !strcmp(e->name, "leaky_relu") && p[0] == 0.01,
          "LeakyReLU");
    CHECK(activ_parse_spec("leaky-relu:slope=0.2", &e, p, err, sizeof err) == 0 && p[0] == 0.2, "slope=0.2");
    CHECK(activ_parse_spec("leaky_relu(slope=0.3)", &e, p, err, sizeof err) == 0 && p[0] == 0.3, "(slope=0.3)");
    CHECK(activ_parse_spec("darknet.leaky", &e, p, err, sizeof err) == 0 && p[0] == 0.1, "darknet.leaky: %s", err);
    CHECK(activ_parse_spec("keras.leaky_relu", &e, p, err, sizeof err) == 0 && p[0] == 0.2, "keras preset");
    CHECK(activ_parse_spec("torch.nn.ReLU", &e, p, err, sizeof err) == 0 && !strcmp(e->name, "relu"), "torch.nn.ReLU");
    /* errors */
    CHECK(activ_parse_spec("mihs", &e, p, err, sizeof err) == -1 && strstr(err, "mish"), "suggestion for mihs: %s", err);
    CHECK(activ_parse_spec("leaky_relu:slope=abc", &e, p, err, sizeof err) == -1 && strstr(err, "number"), "bad number: %s", err);
    CHECK(activ_parse_spec("leaky_relu:slope=-1", &e, p, err, sizeof err) == -1 && strstr(err, "range"), "range: %s", err);
    CHECK(activ_parse_spec("leaky_relu:alpha=1", &e, p, err, sizeof err) == -1 && strstr(err, "slope"), "unknown key: %s", err);
    CHECK(activ_parse_spec("relu:x=1", &e, p, err, sizeof err) == -1 && strstr(err, "none"), "no params: %s", err);
    CHECK(activ_parse_spec("leaky_relu:slope=0.1,slope=0.2", &e, p, err, sizeof err) == -1 && strstr(err, "twice"), "twice: %s", err);
    CHECK(activ_parse_spec("leaky_relu:slope", &e, p, err, sizeof err) == -1, "missing value");
    CHECK(activ_parse_spec("", &e, p, err, sizeof err) == -1, "empty");
    CHECK(activ_parse_spec("leaky_relu(slope=1", &e, p, err, sizeof err) == -1 && strstr(err, ")"), "paren: %s", err);
}

int main(void)
{
    for (size_t i = 0; i < activ_catalog_size(); i++) check_entry(activ_catalog_get(i));
    check_unique();
    check_required();
    check_specs();
    printf("%zu entries; %s\n", activ_catalog_size(), failures ? "FAILED" : "passed");
    return failures ? 1 : 0;
}
