#define _POSIX_C_SOURCE 200809L
#include "search/plan.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activ/activ.h"
#include "activ/train.h"

/*
 * Every preset starts each activation from the same weights (init "torch",
 * see search_config_from_preset) and selects the epoch on a validation split
 * of 5000 images.  paper scales the survey's CIFAR protocol (Adam 1e-3, batch
 * 128, 100 epochs with the rate cut tenfold for the last fifth, random crops)
 * to Fashion-MNIST, which a small CNN fits in far fewer epochs: 20 epochs,
 * the cut after 16.
 */
static const search_preset presets[] = {
    {"quick", "the seed's activations, a reduced budget", "mlp", "seed", "fashion-mnist", 2, 3, 20000, 5000, 128,
     "adam", 1e-3, "none", 0, 0, "32 runs, about 1 minute on 2 cores"},
    {"default", "the seed's activations, the README's search", "mlp", "seed", "fashion-mnist", 3, 5, 0, 5000, 128,
     "adam", 1e-3, "none", 0, 0, "48 runs, about 2 minutes on 2 cores"},
    {"paper", "the survey's 18 activations and its protocol scaled to Fashion-MNIST", "cnn", "benchmark",
     "fashion-mnist", 5, 20, 0, 5000, 128, "adam", 1e-3, "step", 16, 1, "90 runs of 20 CNN epochs: hours"},
    {NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0, NULL, 0, NULL, 0, 0, NULL},
};

const search_preset *search_presets(void) { return presets; }

const search_preset *search_preset_find(const char *name)
{
    for (const search_preset *p = presets; p->name; p++)
        if (!strcmp(p->name, name)) return p;
    return NULL;
}

static void copy(char *dst, size_t len, const char *src) { snprintf(dst, len, "%s", src ? src : ""); }

void search_config_from_preset(search_config *cfg, const search_preset *p)
{
    if (!p) p = search_preset_find("default");
    memset(cfg, 0, sizeof *cfg);
    copy(cfg->model, sizeof cfg->model, p->model);
    copy(cfg->data, sizeof cfg->data, p->data);
    cfg->train_size = p->train_size;
    cfg->val_size = p->val_size;
    copy(cfg->baseline, sizeof cfg->baseline, "relu");
    cfg->seeds = p->seeds;
    cfg->epochs = p->epochs;
    cfg->batch = p->batch;
    copy(cfg->optim, sizeof cfg->optim, p->optim);
    /* "auto" would give SELU, tanh and ReLU different initialisers: not a paired comparison */
    copy(cfg->init, sizeof cfg->init, "torch");
    copy(cfg->schedule, sizeof cfg->schedule, p->schedule);
    cfg->lr = p->lr;
    cfg->momentum = 0.9;
    cfg->weight_decay = 0;
    cfg->step_every = p->step_every;
    cfg->step_gamma = 0.1;
    cfg->augment = p->augment;
    copy(cfg->version, sizeof cfg->version, ACTIV_VERSION_STRING);
}

void search_config_free(search_config *cfg)
{
    for (size_t i = 0; i < cfg->nacts; i++) free(cfg->acts[i]);
    free(cfg->acts);
    free(cfg->model_desc);
    cfg->acts = NULL;
    cfg->model_desc = NULL;
    cfg->nacts = 0;
}

static int add_act(search_config *cfg, const char *spec, size_t len, char *err, size_t errlen)
{
    char *s = strndup(spec, len);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    const activ_entry *e;
    double p[ACTIV_MAX_PARAMS];
    char why[512];
    if (!*s || activ_parse_spec(s, &e, p, why, sizeof why)) {
        snprintf(err, errlen, "--acts: '%s': %s", s, *s ? why : "empty activation name");
        free(s);
        return -1;
    }
    if (strlen(s) >= 128) {
        snprintf(err, errlen, "--acts: '%.40s...': longer than 127 characters", s);
        free(s);
        return -1;
    }
    for (size_t i = 0; i < cfg->nacts; i++)
        if (!strcmp(cfg->acts[i], s)) {
            free(s);
            return 0;
        }
    char **acts = realloc(cfg->acts, (cfg->nacts + 1) * sizeof *acts);
    if (!acts) {
        free(s);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    cfg->acts = acts;
    cfg->acts[cfg->nacts++] = s;
    return 0;
}

/* "key=value" with no name before it: a further parameter of the previous spec. */
static int is_parameter(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '_')) i++;
    return i > 0 && i < len && s[i] == '=';
}

static int add_list(search_config *cfg, const char *list, char *err, size_t errlen)
{
    const char *start = list;
    int depth = 0;
    for (const char *c = list;; c++) {
        if (*c == '(') depth++;
        if (*c == ')') depth--;
        if (*c && (*c != ',' || depth > 0)) continue;
        const char *next = *c ? c + 1 : c;
        if (*c == ',' && is_parameter(next, strcspn(next, ","))) continue;
        if (add_act(cfg, start, (size_t)(c - start), err, errlen)) return -1;
        if (!*c) return 0;
        start = next;
    }
}

int search_config_set_acts(search_config *cfg, const char *acts, const char *baseline, char *err, size_t errlen)
{
    for (size_t i = 0; i < cfg->nacts; i++) free(cfg->acts[i]);
    cfg->nacts = 0;
    if (!baseline || !*baseline) baseline = "relu";
    copy(cfg->baseline, sizeof cfg->baseline, baseline);
    if (add_act(cfg, baseline, strlen(baseline), err, errlen)) return -1;
    const activ_entry *members[512];
    long n = activ_set_members(acts, members, sizeof members / sizeof *members);
    if (n < 0) return add_list(cfg, acts, err, errlen);
    for (long i = 0; i < n && i < (long)(sizeof members / sizeof *members); i++)
        if (add_act(cfg, members[i]->name, strlen(members[i]->name), err, errlen)) return -1;
    return 0;
}

static char *read_text(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "--model @%s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16;
    char *buf = malloc(cap);
    size_t n = buf ? fread(buf, 1, cap - 1, f) : 0;
    int too_big = buf && n == cap - 1 && fgetc(f) != EOF;
    int bad = !buf || ferror(f) || too_big;
    fclose(f);
    if (bad) {
        snprintf(err, errlen, "--model @%s: %s", path, too_big ? "larger than 64 KiB" : "cannot read");
        free(buf);
        return NULL;
    }
    buf[n] = 0;
    return buf;
}

int search_config_finish(search_config *cfg, char *err, size_t errlen)
{
    free(cfg->model_desc);
    cfg->model_desc = NULL;
    if (cfg->model[0] == '@') cfg->model_desc = read_text(cfg->model + 1, err, errlen);
    else {
        const char *preset = activ_model_preset(cfg->model);
        cfg->model_desc = strdup(preset ? preset : cfg->model);
        if (!cfg->model_desc) snprintf(err, errlen, "out of memory");
    }
    if (!cfg->model_desc) return -1;
    if (cfg->seeds < 1 || cfg->epochs < 1 || cfg->batch < 1) {
        snprintf(err, errlen, "--seeds, --epochs and --batch must be at least 1");
        return -1;
    }
    if (!(cfg->lr > 0)) {
        snprintf(err, errlen, "--lr must be positive");
        return -1;
    }
    if (strcmp(cfg->optim, "adam") && strcmp(cfg->optim, "adamw") && strcmp(cfg->optim, "sgd")) {
        snprintf(err, errlen, "--optim '%s': expected adam, adamw or sgd", cfg->optim);
        return -1;
    }
    if (cfg->nacts == 0) return search_config_set_acts(cfg, "seed", cfg->baseline, err, errlen);
    return 0;
}

void search_sanitise(const char *act, char *out, size_t len)
{
    size_t o = 0;
    for (const char *c = act; *c && o + 1 < len; c++) {
        char ch = (char)tolower((unsigned char)*c);
        if (isalnum((unsigned char)ch) || ch == '_' || ch == '.' || ch == '-') out[o++] = ch;
        else out[o++] = ch == '=' ? '-' : '_';
    }
    if (len) out[o] = 0;
}

int search_plan(const search_config *cfg, search_item **items, size_t *n, char *err, size_t errlen)
{
    size_t total = cfg->nacts * (size_t)cfg->seeds;
    search_item *it = calloc(total ? total : 1, sizeof *it);
    if (!it) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t k = 0; k < total; k++) {
        it[k].act = k % cfg->nacts;
        it[k].seed = (int)(k / cfg->nacts) + 1;
        char stem[130];
        search_sanitise(cfg->acts[it[k].act], stem, sizeof stem);
        snprintf(it[k].id, sizeof it[k].id, "%s_seed%d", stem, it[k].seed);
    }
    for (size_t a = 0; a < cfg->nacts; a++)
        for (size_t b = a + 1; b < cfg->nacts; b++)
            if (!strcmp(it[a].id, it[b].id)) {
                snprintf(err, errlen, "--acts: '%s' and '%s' would share the run file %s.json; write one of them "
                         "differently", cfg->acts[a], cfg->acts[b], it[a].id);
                free(it);
                return -1;
            }
    *items = it;
    *n = total;
    return 0;
}
