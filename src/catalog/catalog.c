/* The catalog table, name lookup, parameter strings and the scalar wrappers. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activ/activ.h"

#define ACTIV_ENTRY(n) extern const activ_entry activ_entry_##n;
#include "catalog.def"
#undef ACTIV_ENTRY

static const activ_entry *const table[] = {
#define ACTIV_ENTRY(n) &activ_entry_##n,
#include "catalog.def"
#undef ACTIV_ENTRY
};

size_t activ_catalog_size(void)
{
    return sizeof table / sizeof table[0];
}

const activ_entry *activ_catalog_get(size_t i)
{
    return i < activ_catalog_size() ? table[i] : NULL;
}

const char *activ_family_name(activ_family f)
{
    static const char *const names[] = {"sigmoid/tanh", "relu", "exponential", "adaptive", "misc"};
    return (unsigned)f < ACTIV_FAMILY_COUNT ? names[f] : "?";
}

const char *activ_kind_name(activ_kind k)
{
    static const char *const names[] = {"elementwise", "stochastic", "data-dependent", "gated",      "expanding",
                                        "maxout",      "paired",     "softmax",        "log-softmax", "sparsemax"};
    return (unsigned)k < ACTIV_KIND_COUNT ? names[k] : "?";
}

/* ---- names -------------------------------------------------------------- */

/* Names compare case-insensitively with '-' and '_' (and ' ') the same. */
static int name_char(int c)
{
    c = tolower((unsigned char)c);
    return (c == '-' || c == ' ') ? '_' : c;
}

static int name_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (name_char(*a) != name_char(*b)) return 0;
    return *a == *b;
}

static int name_eqn(const char *a, size_t alen, const char *b)
{
    size_t i = 0;
    for (; i < alen && b[i]; i++)
        if (name_char(a[i]) != name_char(b[i])) return 0;
    return i == alen && b[i] == 0;
}

/*
 * Lookup order: canonical names, then activ's own variant names, then
 * framework names.  "FRAMEWORK.NAME" (torch.LeakyReLU, keras.leaky_relu,
 * torch.nn.ReLU) looks only at that framework's names, which is how a
 * framework alias that shares a canonical name (keras.leaky_relu, slope 0.2)
 * is reached.
 */
static const activ_entry *find_n(const char *name, size_t len, const char **preset)
{
    const char *dot = memchr(name, '.', len);
    const char *fw = NULL;
    size_t fwlen = 0;
    if (dot) {
        fw = name;
        fwlen = (size_t)(dot - name);
        len -= fwlen + 1;
        name = dot + 1;
        if (len > 3 && name_eqn(name, 3, "nn.")) {
            name += 3;
            len -= 3;
        }
    }
    if (preset) *preset = NULL;
    for (int pass = fw ? 2 : 0; pass < 3; pass++) {
        for (size_t i = 0; i < activ_catalog_size(); i++) {
            const activ_entry *e = table[i];
            if (pass == 0) {
                if (name_eqn(name, len, e->name)) return e;
                continue;
            }
            for (const activ_alias *a = e->aliases; a < e->aliases + ACTIV_MAX_ALIASES && a->name; a++) {
                int own = a->framework[0] == 0;
                if (pass == 1 && !own) continue;
                if (pass == 2 && own) continue;
                if (fw && !name_eqn(fw, fwlen, a->framework)) continue;
                if (name_eqn(name, len, a->name)) {
                    if (preset) *preset = a->preset;
                    return e;
                }
            }
        }
    }
    return NULL;
}

const activ_entry *activ_find(const char *name, const char **preset)
{
    return name ? find_n(name, strlen(name), preset) : NULL;
}

int activ_param_index(const activ_entry *e, const char *name)
{
    for (unsigned i = 0; i < e->nparams; i++)
        if (name_eq(name, e->params[i].name)) return (int)i;
    return -1;
}

/* Levenshtein distance on normalised characters, capped for speed. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63) return 64;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++) row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = name_char(a[i - 1]) != name_char(b[j - 1]);
            size_t best = diag + cost;
            if (row[j] + 1 < best) best = row[j] + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

static int contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle), h = strlen(hay);
    if (n < 3) return 0;
    for (size_t i = 0; i + n <= h; i++) {
        size_t k = 0;
        while (k < n && name_char(hay[i + k]) == name_char(needle[k])) k++;
        if (k == n) return 1;
    }
    return 0;
}

size_t activ_suggest(const char *name, const char **out, size_t max)
{
    /* score = edit distance, with substring matches ranked as distance 1 */
    typedef struct { const char *s; size_t d; } cand;
    cand best[16];
    size_t nb = 0;
    size_t limit = strlen(name) / 3 + 2;
    if (max > 16) max = 16;
    for (size_t i = 0; i < activ_catalog_size(); i++) {
        const activ_entry *e = table[i];
        for (int k = -1; k < ACTIV_MAX_ALIASES; k++) {
            const char *s = k < 0 ? e->name : e->aliases[k].name;
            if (!s) break;
            size_t d = edit_distance(name, s);
            if (d > 1 && contains_ci(s, name)) d = 1;
            if (d > limit) continue;
            /* one suggestion per distinct spelling */
            int dup = 0;
            for (size_t j = 0; j < nb; j++)
                if (name_eq(best[j].s, s)) dup = 1;
            if (dup) continue;
            size_t pos = nb < max ? nb++ : max;
            if (pos == max) {
                if (d >= best[max - 1].d) continue;
                pos = max - 1;
            }
            while (pos > 0 && best[pos - 1].d > d) {
                best[pos] = best[pos - 1];
                pos--;
            }
            best[pos] = (cand){s, d};
        }
    }
    for (size_t j = 0; j < nb; j++) out[j] = best[j].s;
    return nb;
}

/* ---- parameters ----------------------------------------------------------- */

void activ_defaults(const activ_entry *e, double *p)
{
    for (unsigned i = 0; i < e->nparams; i++) p[i] = e->params[i].value;
    if (e->expect)
        for (unsigned i = 0; i < e->nparams; i++)
            if (e->params[i].flags & ACTIV_P_RANDOM) p[i] = e->expect(p);
}

int activ_param_check(const activ_param *prm, double v)
{
    if (isnan(v)) return -1;
    if (v < prm->min || v > prm->max) return -1;
    if ((prm->flags & ACTIV_P_MIN_OPEN) && v == prm->min) return -1;
    if ((prm->flags & ACTIV_P_MAX_OPEN) && v == prm->max) return -1;
    if ((prm->flags & ACTIV_P_INTEGER) && v != floor(v)) return -1;
    return 0;
}

static void describe_range(const activ_param *prm, char *buf, size_t len)
{
    snprintf(buf, len, "%c%g, %g%c%s", (prm->flags & ACTIV_P_MIN_OPEN) || isinf(prm->min) ? '(' : '[',
             prm->min, prm->max, (prm->flags & ACTIV_P_MAX_OPEN) || isinf(prm->max) ? ')' : ']',
             (prm->flags & ACTIV_P_INTEGER) ? ", whole numbers" : "");
}

/* Applies "k=v,k=v" (len bytes) to p; marks set[] for the keys given. */
static int apply_assignments(const activ_entry *e, const char *s, size_t len, double *p, int *set,
                             const char *what, char *err, size_t errlen)
{
    const char *end = s + len;
    while (s < end) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        const char *item_end = comma ? comma : end;
        const char *eq = memchr(s, '=', (size_t)(item_end - s));
        while (s < item_end && isspace((unsigned char)*s)) s++;
        if (s == item_end) {
            snprintf(err, errlen, "%s: empty parameter in '%.*s'", what, (int)len, end - len);
            return -1;
        }
        if (!eq) {
            snprintf(err, errlen, "%s: expected key=value, got '%.*s'", what, (int)(item_end - s), s);
            return -1;
        }
        size_t klen = (size_t)(eq - s);
        while (klen && isspace((unsigned char)s[klen - 1])) klen--;
        int idx = -1;
        for (unsigned i = 0; i < e->nparams; i++)
            if (name_eqn(s, klen, e->params[i].name)) idx = (int)i;
        if (idx < 0) {
            int n = snprintf(err, errlen, "%s: '%s' has no parameter '%.*s'", what, e->name, (int)klen, s);
            if (e->nparams == 0) {
                snprintf(err + n, errlen > (size_t)n ? errlen - (size_t)n : 0, " (it has none)");
            } else {
                for (unsigned i = 0; i < e->nparams && (size_t)n < errlen; i++)
                    n += snprintf(err + n, errlen - (size_t)n, "%s%s", i ? ", " : "; its parameters: ",
                                  e->params[i].name);
            }
            return -1;
        }
        char num[64];
        size_t vlen = (size_t)(item_end - eq - 1);
        if (vlen >= sizeof num) vlen = sizeof num - 1;
        memcpy(num, eq + 1, vlen);
        num[vlen] = 0;
        char *stop;
        errno = 0;
        double v = strtod(num, &stop);
        while (*stop && isspace((unsigned char)*stop)) stop++;
        if (stop == num || *stop || errno == ERANGE) {
            snprintf(err, errlen, "%s: parameter '%s' needs a number, got '%s'", what, e->params[idx].name, num);
            return -1;
        }
        if (activ_param_check(&e->params[idx], v)) {
            char r[96];
            describe_range(&e->params[idx], r, sizeof r);
            snprintf(err, errlen, "%s: parameter '%s' = %g is outside its valid range %s", what,
                     e->params[idx].name, v, r);
            return -1;
        }
        if (set) {
            if (set[idx] == 2) {
                snprintf(err, errlen, "%s: parameter '%s' is given twice", what, e->params[idx].name);
                return -1;
            }
            set[idx] = 2;
        }
        p[idx] = v;
        s = comma ? comma + 1 : end;
    }
    return 0;
}

int activ_parse_spec(const char *spec, const activ_entry **entry, double *p, char *err, size_t errlen)
{
    if (!spec || !*spec) {
        snprintf(err, errlen, "empty activation name");
        return -1;
    }
    size_t len = strlen(spec);
    const char *colon = strchr(spec, ':');
    const char *paren = strchr(spec, '(');
    size_t nlen = len;
    const char *args = NULL;
    size_t alen = 0;
    if (paren && (!colon || paren < colon)) {
        nlen = (size_t)(paren - spec);
        if (spec[len - 1] != ')') {
            snprintf(err, errlen, "'%s': missing ')'", spec);
            return -1;
        }
        args = paren + 1;
        alen = len - nlen - 2;
    } else if (colon) {
        nlen = (size_t)(colon - spec);
        args = colon + 1;
        alen = len - nlen - 1;
    }
    while (nlen && isspace((unsigned char)spec[nlen - 1])) nlen--;
    const char *preset = NULL;
    const activ_entry *e = find_n(spec, nlen, &preset);
    if (!e) {
        char name[128];
        snprintf(name, sizeof name, "%.*s", (int)(nlen < 127 ? nlen : 127), spec);
        const char *sug[5];
        size_t ns = activ_suggest(name, sug, 5);
        int n = snprintf(err, errlen, "unknown activation '%s'", name);
        for (size_t i = 0; i < ns && n >= 0 && (size_t)n < errlen; i++)
            n += snprintf(err + n, errlen - (size_t)n, "%s%s", i ? ", " : "; did you mean: ", sug[i]);
        if (ns == 0 && (size_t)n < errlen) snprintf(err + n, errlen - (size_t)n, " ('activ list' shows them all)");
        return -1;
    }
    int set[ACTIV_MAX_PARAMS] = {0};
    for (unsigned i = 0; i < e->nparams; i++) p[i] = e->params[i].value;
    if (preset && apply_assignments(e, preset, strlen(preset), p, set, "preset", err, errlen)) return -1;
    for (unsigned i = 0; i < e->nparams; i++)
        if (set[i]) set[i] = 1; /* a preset value may be overridden once */
    if (args && apply_assignments(e, args, alen, p, set, spec, err, errlen)) return -1;
    if (e->expect)
        for (unsigned i = 0; i < e->nparams; i++)
            if ((e->params[i].flags & ACTIV_P_RANDOM) && !set[i]) p[i] = e->expect(p);
    *entry = e;
    return 0;
}

/* ---- scalar wrappers -------------------------------------------------------- */

/* NaN in gives NaN out for every function, whatever the entry's branches do. */

double activ_f64(const activ_entry *e, double x, const double *p)
{
    double d[ACTIV_MAX_PARAMS];
    if (!p) {
        activ_defaults(e, d);
        p = d;
    }
    return isnan(x) ? x : e->f(x, p);
}

double activ_df64(const activ_entry *e, double x, const double *p)
{
    double d[ACTIV_MAX_PARAMS];
    if (!p) {
        activ_defaults(e, d);
        p = d;
    }
    return isnan(x) ? x : e->df(x, p);
}

void activ_dp64(const activ_entry *e, double x, const double *p, double *g)
{
    double d[ACTIV_MAX_PARAMS];
    if (!p) {
        activ_defaults(e, d);
        p = d;
    }
    if (!e->dp) return;
    if (isnan(x)) {
        for (unsigned i = 0; i < e->nparams; i++) g[i] = x;
        return;
    }
    e->dp(x, p, g);
}

static const double *widen(const activ_entry *e, const float *p, double *d)
{
    if (!p) {
        activ_defaults(e, d);
    } else {
        for (unsigned i = 0; i < e->nparams; i++) d[i] = p[i];
    }
    return d;
}

float activ_f32(const activ_entry *e, float x, const float *p)
{
    double d[ACTIV_MAX_PARAMS];
    return (float)activ_f64(e, x, widen(e, p, d));
}

float activ_df32(const activ_entry *e, float x, const float *p)
{
    double d[ACTIV_MAX_PARAMS];
    return (float)activ_df64(e, x, widen(e, p, d));
}

void activ_dp32(const activ_entry *e, float x, const float *p, float *g)
{
    double d[ACTIV_MAX_PARAMS], gd[ACTIV_MAX_PARAMS];
    activ_dp64(e, x, widen(e, p, d), gd);
    for (unsigned i = 0; e->dp && i < e->nparams; i++) g[i] = (float)gd[i];
}
