/* Subsets and the stratified validation split. */
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "rng.h"

int activ_dataset_subset(const activ_dataset *d, const size_t *idx, size_t count, activ_dataset *out)
{
    memset(out, 0, sizeof *out);
    if (!idx && count > d->n) return -1;
    for (size_t i = 0; idx && i < count; i++)
        if (idx[i] >= d->n) return -1;
    size_t dim = activ_dataset_dim(d);
    out->c = d->c;
    out->h = d->h;
    out->w = d->w;
    out->classes = d->classes;
    memcpy(out->name, d->name, sizeof out->name);
    if (!count) return 0;
    out->x = malloc(count * dim * sizeof *out->x);
    out->y = malloc(count);
    if (!out->x || !out->y) {
        activ_dataset_free(out);
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        size_t s = idx ? idx[i] : i;
        memcpy(out->x + i * dim, d->x + s * dim, dim * sizeof *out->x);
        out->y[i] = d->y[s];
    }
    out->n = count;
    return 0;
}

/*
 * How many of each class go to validation: nval * n_k / n rounded down, then
 * the samples left over to the classes with the largest remainders (ties to
 * the lower class), so the counts add up to nval exactly.
 */
static void class_quotas(const size_t *count, int classes, size_t n, size_t nval, size_t *quota)
{
    uint8_t extra[256] = {0};
    size_t given = 0;
    for (int k = 0; k < classes; k++) {
        quota[k] = (size_t)((uint64_t)nval * count[k] / n);
        given += quota[k];
    }
    for (; given < nval; given++) {
        int best = -1;
        uint64_t best_rem = 0;
        for (int k = 0; k < classes; k++) {
            uint64_t rem = (uint64_t)nval * count[k] % n;
            if (!extra[k] && rem > best_rem) {
                best = k;
                best_rem = rem;
            }
        }
        extra[best] = 1;
        quota[best]++;
    }
}

int activ_dataset_split(const activ_dataset *all, size_t nval, uint64_t seed, activ_dataset *train,
                        activ_dataset *val, char *err, size_t errlen)
{
    memset(train, 0, sizeof *train);
    memset(val, 0, sizeof *val);
    size_t n = all->n;
    if (nval >= n) {
        data_error(err, errlen, all->name, "a validation set of %zu samples leaves none of the %zu to train on", nval, n);
        return -1;
    }
    /* labels are bytes: at most 256 classes */
    int classes = all->classes > 0 && all->classes < 256 ? all->classes : 256;
    size_t *count = calloc((size_t)classes * 3, sizeof *count);
    size_t *order = malloc(n * sizeof *order);
    uint8_t *in_val = calloc(n ? n : 1, 1);
    size_t *pick = malloc((n ? n : 1) * sizeof *pick);
    int rc = -1;
    if (!count || !order || !in_val || !pick) {
        data_error(err, errlen, all->name, "out of memory splitting %zu samples", n);
        goto done;
    }
    size_t *quota = count + classes, *start = quota + classes;
    for (size_t i = 0; i < n; i++) {
        if (all->y[i] >= classes) {
            data_error(err, errlen, all->name, "label %d at index %zu is out of range (%d classes)", all->y[i], i,
                       classes);
            goto done;
        }
        count[all->y[i]]++;
    }
    class_quotas(count, classes, n, nval, quota);
    /* indices grouped by class, each group in index order (a counting sort) */
    for (int k = 1; k < classes; k++) start[k] = start[k - 1] + count[k - 1];
    for (size_t i = 0; i < n; i++) order[start[all->y[i]]++] = i;
    activ_rng rng;
    activ_rng_seed(&rng, seed);
    for (int k = 0; k < classes; k++) {
        size_t *g = order + start[k] - count[k];
        /* partial Fisher-Yates: the first quota[k] of the class's group, drawn uniformly */
        for (size_t j = 0; j < quota[k]; j++) {
            size_t r = j + (size_t)activ_rng_below(&rng, count[k] - j);
            size_t t = g[j];
            g[j] = g[r];
            g[r] = t;
            in_val[g[j]] = 1;
        }
    }
    size_t nv = 0, nt = 0;
    for (size_t i = 0; i < n; i++)
        if (in_val[i]) pick[nv++] = i;
    for (size_t i = 0; i < n; i++)
        if (!in_val[i]) order[nt++] = i;
    if (activ_dataset_subset(all, pick, nv, val) || activ_dataset_subset(all, order, nt, train)) {
        activ_dataset_free(val);
        data_error(err, errlen, all->name, "out of memory splitting %zu samples", n);
        goto done;
    }
    rc = 0;
done:
    free(count);
    free(order);
    free(in_val);
    free(pick);
    return rc;
}
