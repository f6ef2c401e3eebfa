/*
 * Model descriptions: one layer a line or ';' between layers, '#' comments.
 *
 *   dense N                 fully connected (flattens its input)
 *   conv F [kK] [sS] [pP] [gG]   2-D convolution: F filters of K x K (default 3), stride S (1),
 *                           zero padding P (default K/2, "same"), G groups (1; G = C is depthwise)
 *   maxpool K [sS] | avgpool K [sS]   pooling windows of K x K, stride S (default K)
 *   gap                     global average pooling
 *   bn | batchnorm, ln | layernorm, dropout R, flatten
 *   act [SPEC] [channel|unit]   the run's activation, or SPEC ("leaky_relu:slope=0.2"),
 *                           trainable parameters per layer (default), channel or unit
 *   res { ... }             a residual block: its output plus its input (same shape)
 *
 * N and F may be `classes`, the data set's number of classes.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/net.h"

static const struct {
    const char *name, *desc;
} presets[] = {
    {"mlp", "flatten; dense 256; act; dense 256; act; dense classes"},
    {"cnn", "conv 32 k3 p1; act; maxpool 2; conv 64 k3 p1; act; maxpool 2; flatten; dense 128; act; dense classes"},
    {"resnet", "conv 32 k3; bn; act\n"
               "res { conv 32 k3; bn; act; conv 32 k3; bn }; act\n"
               "maxpool 2\n"
               "conv 64 k3; bn; act\n"
               "res { conv 64 k3; bn; act; conv 64 k3; bn }; act\n"
               "maxpool 2\n"
               "res { conv 64 k3; bn; act; conv 64 k3; bn }; act\n"
               "gap; dense classes"},
};
static const char *const preset_names[] = {"mlp", "cnn", "resnet", NULL};

const char *const *activ_model_presets(void) { return preset_names; }

const char *activ_model_preset(const char *name)
{
    for (size_t i = 0; name && i < sizeof presets / sizeof *presets; i++)
        if (!strcmp(presets[i].name, name)) return presets[i].desc;
    return NULL;
}

enum { MAX_TOKENS = 8, MAX_DEPTH = 16, MAX_LAYERS = 4096 };

typedef struct parser {
    activ_net *net;
    const char *act;
    const char *init;
    uint64_t seed;
    int open[MAX_DEPTH], depth;
    int line;
    char *err;
    size_t errlen;
} parser;

static int fail(parser *ps, const char *fmt, const char *a, const char *b)
{
    char msg[256];
    snprintf(msg, sizeof msg, fmt, a, b);
    snprintf(ps->err, ps->errlen, "model, statement %d: %s", ps->line, msg);
    return -1;
}

/* an integer option such as "k3" or "k=3" after its letter */
static int int_value(parser *ps, const char *tok, const char *what, int *out)
{
    if (*tok == '=') tok++;
    if (!strcmp(tok, "classes")) {
        *out = ps->net->classes;
        return 0;
    }
    char *end;
    errno = 0;
    long v = strtol(tok, &end, 10);
    if (!*tok || *end || errno || v < 0 || v > (1L << 24)) return fail(ps, "bad %s '%s'", what, tok);
    *out = (int)v;
    return 0;
}

static net_layer *new_layer(parser *ps)
{
    activ_net *net = ps->net;
    if (net->nlayers >= MAX_LAYERS) return NULL;
    net_layer *grown = realloc(net->layers, (net->nlayers + 1) * sizeof *grown);
    if (!grown) return NULL;
    net->layers = grown;
    net_layer *L = &net->layers[net->nlayers];
    memset(L, 0, sizeof *L);
    L->skip_from = -1;
    if (net->nlayers) {
        const net_layer *prev = &net->layers[net->nlayers - 1];
        L->in_c = prev->out_c, L->in_h = prev->out_h, L->in_w = prev->out_w;
    } else {
        L->in_c = net->in_c, L->in_h = net->in_h, L->in_w = net->in_w;
    }
    L->in_dim = (size_t)L->in_c * L->in_h * L->in_w;
    /* each layer's randomness depends on the seed and its position only */
    L->seed = net_mix(ps->seed ^ net_mix(0x5eed0000u + (uint64_t)net->nlayers));
    return L;
}

static int weighted(parser *ps, net_layer *L)
{
    /* W is [out][fan_in]; a filter's fan-out also counts its k x k taps */
    size_t fan_in = L->params[0].n / (size_t)L->out_c, fan_out = (size_t)L->out_c;
    if (!strcmp(L->ops->kind, "conv")) fan_out = L->params[0].n / (size_t)L->in_c;
    net_init_weights(L->params[0].v, L->params[0].n, fan_in, fan_out, ps->init, L->seed);
    if (!strcmp(ps->init, "torch")) net_init_weights(L->params[1].v, L->params[1].n, fan_in, fan_out, "torch", ~L->seed);
    return 0;
}

static int statement(parser *ps, char **tok, int ntok)
{
    activ_net *net = ps->net;
    const char *op = tok[0];
    if (!strcmp(op, "}")) {
        if (!ps->depth) return fail(ps, "'}' without 'res {'%s%s", "", "");
        if (ntok > 1) return fail(ps, "unexpected '%s' after '}'%s", tok[1], "");
        const int from = ps->open[--ps->depth];
        net_layer *L = new_layer(ps);
        if (!L) return fail(ps, "too many layers%s%s", "", "");
        if (net_add_init(L, &net->layers[from], from, ps->err, ps->errlen)) return -1;
        net->nlayers++;
        return 0;
    }
    net_layer *L = new_layer(ps);
    if (!L) return fail(ps, "too many layers%s%s", "", "");
    int rc;
    char *err = ps->err;
    size_t errlen = ps->errlen;
    if (!strcmp(op, "res")) {
        if (ntok != 2 || strcmp(tok[1], "{")) return fail(ps, "write a residual block as 'res { ... }'%s%s", "", "");
        if (ps->depth >= MAX_DEPTH) return fail(ps, "residual blocks nested too deep%s%s", "", "");
        ps->open[ps->depth++] = net->nlayers;
        rc = net_identity_init(L, err, errlen);
    } else if (!strcmp(op, "dense")) {
        int units;
        if (ntok != 2) return fail(ps, "write 'dense N'%s%s", "", "");
        if (int_value(ps, tok[1], "unit count", &units)) return -1;
        if ((rc = net_dense_init(L, units, err, errlen)) == 0) weighted(ps, L);
    } else if (!strcmp(op, "conv")) {
        int filters, k = 3, s = 1, p = -1, g = 1;
        if (ntok < 2) return fail(ps, "write 'conv F [kK] [sS] [pP] [gG]'%s%s", "", "");
        if (int_value(ps, tok[1], "filter count", &filters)) return -1;
        for (int i = 2; i < ntok; i++) {
            int *dst = tok[i][0] == 'k' ? &k : tok[i][0] == 's' ? &s : tok[i][0] == 'p' ? &p : tok[i][0] == 'g' ? &g : NULL;
            if (!dst) return fail(ps, "unknown conv option '%s' (kK, sS, pP, gG)%s", tok[i], "");
            if (int_value(ps, tok[i] + 1, "conv option", dst)) return -1;
        }
        if (p < 0) p = k / 2;
        if ((rc = net_conv_init(L, filters, k, s, p, g, err, errlen)) == 0) weighted(ps, L);
    } else if (!strcmp(op, "maxpool") || !strcmp(op, "avgpool")) {
        int k, s = 0;
        if (ntok < 2 || ntok > 3) return fail(ps, "write '%s K [sS]'%s", op, "");
        if (int_value(ps, tok[1], "window", &k)) return -1;
        if (ntok == 3 && tok[2][0] != 's') return fail(ps, "unknown %s option '%s' (sS)", op, tok[2]);
        if (ntok == 3 && int_value(ps, tok[2] + 1, "stride", &s)) return -1;
        rc = net_pool_init(L, op[0] == 'm', k, s, err, errlen);
    } else if (!strcmp(op, "gap") && ntok == 1) {
        rc = net_gap_init(L, err, errlen);
    } else if ((!strcmp(op, "bn") || !strcmp(op, "batchnorm")) && ntok == 1) {
        rc = net_batchnorm_init(L, err, errlen);
    } else if ((!strcmp(op, "ln") || !strcmp(op, "layernorm")) && ntok == 1) {
        rc = net_layernorm_init(L, err, errlen);
    } else if (!strcmp(op, "flatten") && ntok == 1) {
        rc = net_flatten_init(L, err, errlen);
    } else if (!strcmp(op, "dropout") && ntok == 2) {
        char *end;
        double r = strtod(tok[1], &end);
        if (*end) return fail(ps, "bad dropout rate '%s'%s", tok[1], "");
        rc = net_dropout_init(L, r, err, errlen);
    } else if (!strcmp(op, "act")) {
        const char *spec = ps->act;
        unsigned share = ACTIV_SHARE_SCALAR;
        for (int i = 1; i < ntok; i++) {
            if (!strcmp(tok[i], "channel")) share = ACTIV_SHARE_CHANNEL;
            else if (!strcmp(tok[i], "unit")) share = ACTIV_SHARE_UNIT;
            else if (!strcmp(tok[i], "layer")) share = ACTIV_SHARE_SCALAR;
            else spec = tok[i];
        }
        rc = net_act_init(L, spec, share, err, errlen);
    } else {
        return fail(ps, "unknown layer '%s' (dense, conv, maxpool, avgpool, gap, bn, ln, dropout, flatten, act, "
                        "res { })%s", op, "");
    }
    if (rc) {
        char inner[256];
        snprintf(inner, sizeof inner, "%s", err);
        return fail(ps, "%s%s", inner, "");
    }
    net->nlayers++;
    return 0;
}

/* splits text into statements at ';', newlines, '{' and '}' (braces stay tokens) */
static int parse(parser *ps, const char *text)
{
    char buf[4096];
    size_t len = strlen(text);
    char *copy = malloc(len + 1);
    if (!copy) return fail(ps, "out of memory%s%s", "", "");
    memcpy(copy, text, len + 1);
    int rc = 0;
    char *p = copy;
    while (*p && !rc) {
        size_t n = 0;
        while (*p && *p != ';' && *p != '\n' && *p != '{' && *p != '}' && *p != '#' && n + 1 < sizeof buf) buf[n++] = *p++;
        if (n + 1 >= sizeof buf) {
            rc = fail(ps, "statement too long%s%s", "", "");
            break;
        }
        char brace = 0;
        if (*p == '{' || *p == '}') brace = *p;
        if (*p == '#')
            while (*p && *p != '\n') p++;
        if (*p) p++;
        if (brace == '{') buf[n++] = ' ', buf[n++] = '{';
        buf[n] = 0;
        char *tok[MAX_TOKENS + 1];
        int ntok = 0;
        for (char *t = strtok(buf, " \t\r"); t; t = strtok(NULL, " \t\r")) {
            if (ntok == MAX_TOKENS) {
                rc = fail(ps, "too many words in '%s...'%s", tok[0], "");
                break;
            }
            tok[ntok++] = t;
        }
        if (!rc && ntok) {
            ps->line++;
            rc = statement(ps, tok, ntok);
        } else if (!rc && brace == '{') {
            ps->line++;
            rc = fail(ps, "'{' must follow 'res'%s%s", "", "");
        }
        if (!rc && brace == '}') {
            char close[] = "}";
            char *ct[1] = {close};
            ps->line++;
            rc = statement(ps, ct, 1);
        }
    }
    free(copy);
    if (!rc && ps->depth) rc = fail(ps, "a 'res {' block is not closed%s%s", "", "");
    return rc;
}

static char *copy_string(const char *s)
{
    char *d = malloc(strlen(s) + 1);
    return d ? memcpy(d, s, strlen(s) + 1) : NULL;
}

static char *read_file(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "model file %s: %s", path, strerror(errno));
        return NULL;
    }
    char *text = malloc(1 << 16);
    size_t n = text ? fread(text, 1, (1 << 16) - 1, f) : 0;
    int too_long = text && n == (1 << 16) - 1 && fgetc(f) != EOF;
    fclose(f);
    if (!text || too_long) {
        free(text);
        snprintf(err, errlen, "model file %s: too large (64 KiB at most)", path);
        return NULL;
    }
    text[n] = 0;
    if (memchr(text, 0, n)) {
        free(text);
        snprintf(err, errlen, "model file %s: not a text file", path);
        return NULL;
    }
    return text;
}

activ_net *activ_net_build(const char *model, const char *act, int c, int h, int w, int classes, const char *init,
                           uint64_t seed, char *err, size_t errlen)
{
    if (!model) model = "mlp";
    if (!act) act = "relu";
    if (c < 1 || h < 1 || w < 1 || classes < 2 || (size_t)c * h * w > (1u << 24)) {
        snprintf(err, errlen, "input of %dx%dx%d with %d classes is not supported", c, h, w, classes);
        return NULL;
    }
    const activ_entry *e;
    double p[ACTIV_MAX_PARAMS];
    if (activ_parse_spec(act, &e, p, err, errlen)) return NULL;
    if (!init || !strcmp(init, "auto")) init = activ_init_default(e);
    if (strcmp(init, "he") && strcmp(init, "lecun") && strcmp(init, "xavier") && strcmp(init, "torch")) {
        snprintf(err, errlen, "unknown initialiser '%s' (auto, he, lecun, xavier, torch)", init);
        return NULL;
    }
    char *text = NULL;
    const char *desc = activ_model_preset(model);
    if (!desc && model[0] == '@') desc = text = read_file(model + 1, err, errlen);
    else if (!desc) desc = model;
    if (!desc) return NULL;
    activ_net *net = calloc(1, sizeof *net);
    if (!net) {
        free(text);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    net->in_c = c, net->in_h = h, net->in_w = w, net->classes = classes;
    net->model = copy_string(desc), net->act = copy_string(act);
    parser ps = {.net = net, .act = act, .init = init, .seed = seed, .err = err, .errlen = errlen};
    int rc = !net->model || !net->act ? fail(&ps, "out of memory%s%s", "", "") : parse(&ps, desc);
    free(text);
    if (!rc && !net->nlayers) rc = fail(&ps, "the model has no layers%s%s", "", "");
    if (!rc) {
        const net_layer *last = &net->layers[net->nlayers - 1];
        if (last->out_dim != (size_t)classes) {
            snprintf(err, errlen, "the model ends with %zu outputs (%s), but the data has %d classes: end with "
                     "'dense classes'", last->out_dim, last->desc, classes);
            rc = -1;
        }
    }
    net->out = calloc(net->nlayers ? net->nlayers : 1, sizeof *net->out);
    net->grad = calloc(net->nlayers ? net->nlayers : 1, sizeof *net->grad);
    if (!rc && (!net->out || !net->grad)) rc = fail(&ps, "out of memory%s%s", "", "");
    if (rc) {
        activ_net_free(net);
        return NULL;
    }
    return net;
}
