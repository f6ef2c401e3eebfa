#define _POSIX_C_SOURCE 200809L
#include "search/config_read.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search/journal.h"

typedef struct cfg_reader {
    const sjson *obj;
    const char *what;
    char *err;
    size_t errlen;
    int failed;
} cfg_reader;

static const sjson *field(cfg_reader *r, const char *key, sjson_type type)
{
    const sjson *v = sjson_get(r->obj, key);
    if (r->failed) return NULL;
    if (!v || v->type != type) {
        snprintf(r->err, r->errlen, "%s: config.%s is missing or of the wrong type", r->what, key);
        r->failed = 1;
        return NULL;
    }
    return v;
}

static void text(cfg_reader *r, const char *key, char *dst, size_t len)
{
    const sjson *v = field(r, key, SJSON_STR);
    if (v && snprintf(dst, len, "%s", v->str) >= (int)len) {
        snprintf(r->err, r->errlen, "%s: config.%s is too long", r->what, key);
        r->failed = 1;
    }
}

static double number(cfg_reader *r, const char *key)
{
    const sjson *v = sjson_get(r->obj, key);
    double x = NAN;
    if (!r->failed && (!v || sjson_number(v, &x))) {
        snprintf(r->err, r->errlen, "%s: config.%s is missing or not a number", r->what, key);
        r->failed = 1;
    }
    return x;
}

static double whole(cfg_reader *r, const char *key, double lo, double hi)
{
    double x = number(r, key);
    if (!r->failed && !(x >= lo && x <= hi && x == floor(x))) {
        snprintf(r->err, r->errlen, "%s: config.%s is %g, expected a whole number in [%g, %g]", r->what, key, x, lo,
                 hi);
        r->failed = 1;
    }
    return r->failed ? 0 : x;
}

static void acts(cfg_reader *r, search_config *cfg)
{
    const sjson *a = field(r, "acts", SJSON_ARR);
    if (!a) return;
    cfg->acts = calloc(a->n ? a->n : 1, sizeof *cfg->acts);
    if (!cfg->acts) {
        snprintf(r->err, r->errlen, "out of memory");
        r->failed = 1;
        return;
    }
    for (size_t i = 0; i < a->n && !r->failed; i++) {
        if (a->items[i].type != SJSON_STR || !(cfg->acts[i] = strdup(a->items[i].str))) {
            snprintf(r->err, r->errlen, "%s: config.acts[%zu] is not a string", r->what, i);
            r->failed = 1;
            return;
        }
        cfg->nacts++;
    }
    if (!r->failed && cfg->nacts == 0) {
        snprintf(r->err, r->errlen, "%s: config.acts is empty", r->what);
        r->failed = 1;
    }
}

int search_config_from_json(const sjson *config, const char *what, search_config *cfg, char *err, size_t errlen)
{
    memset(cfg, 0, sizeof *cfg);
    cfg_reader r = {config, what, err, errlen, config->type != SJSON_OBJ};
    if (r.failed) snprintf(err, errlen, "%s: config is not an object", what);
    text(&r, "activ_version", cfg->version, sizeof cfg->version);
    text(&r, "model", cfg->model, sizeof cfg->model);
    const sjson *desc = field(&r, "model_desc", SJSON_STR);
    if (desc && !(cfg->model_desc = strdup(desc->str))) r.failed = 1;
    text(&r, "data", cfg->data, sizeof cfg->data);
    cfg->train_size = (size_t)whole(&r, "train_size", 0, 9007199254740992.0);
    cfg->val_size = (size_t)whole(&r, "val_size", 0, 9007199254740992.0);
    text(&r, "baseline", cfg->baseline, sizeof cfg->baseline);
    acts(&r, cfg);
    cfg->seeds = (int)whole(&r, "seeds", 1, 100000);
    cfg->epochs = (int)whole(&r, "epochs", 1, 100000);
    cfg->batch = (int)whole(&r, "batch", 1, 100000);
    text(&r, "optim", cfg->optim, sizeof cfg->optim);
    cfg->lr = number(&r, "lr");
    cfg->momentum = number(&r, "momentum");
    cfg->weight_decay = number(&r, "weight_decay");
    text(&r, "schedule", cfg->schedule, sizeof cfg->schedule);
    cfg->step_every = (int)whole(&r, "step_every", -1e9, 1e9);
    cfg->step_gamma = number(&r, "step_gamma");
    const sjson *aug = field(&r, "augment", SJSON_BOOL);
    cfg->augment = aug ? aug->boolean : 0;
    text(&r, "init", cfg->init, sizeof cfg->init);
    sjson back;
    if (!r.failed && journal_config_json(cfg, &back, err, errlen) == 0) {
        if (!sjson_equal(&back, config)) {
            snprintf(err, errlen, "%s: config has fields this activ does not know (another version's journal?)",
                     what);
            r.failed = 1;
        }
        sjson_free(&back);
    } else r.failed = 1;
    if (r.failed) search_config_free(cfg);
    return r.failed ? -1 : 0;
}
