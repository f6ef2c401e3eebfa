/*
 * The training engine: every layer's backward against central differences
 * of the loss, a toy problem learnt, bit-identical reruns, checkpoints,
 * divergence, and the model parser's errors.
 *   test_net grad NAME | forward | conv_paths | toy | determinism | checkpoint | diverge | parse
 */
#define _POSIX_C_SOURCE 200809L /* setenv */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/net.h"

static int failures;
#define CHECK(c, ...)                                                                                                  \
    do {                                                                                                               \
        if (!(c)) {                                                                                                    \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                                                                \
            printf(__VA_ARGS__);                                                                                       \
            printf("\n");                                                                                              \
            failures++;                                                                                                \
        }                                                                                                              \
    } while (0)

/* models whose gradients are checked: every layer kind, with smooth activations (no kinks at FD distance) */
static const struct {
    const char *name, *model, *act;
    int c, h, w;
} grad_cases[] = {
    {"dense", "dense 7; act; dense classes", "tanh", 1, 3, 3},
    {"conv", "conv 4 k3 p1; act; conv 3 k3 s2 p0; flatten; dense classes", "softplus", 2, 6, 6},
    /* 4+ input channels, 3x3, stride 1: the Winograd path, with padding 1, 2 and 0 on odd sizes */
    {"conv_winograd", "conv 4 k3 p1; act; conv 5 k3 p1; act; conv 4 k3 p2; act; conv 3 k3 p0; flatten; dense classes",
     "softplus", 2, 5, 6},
    {"conv_groups", "conv 4 k3 p1 g2; act; conv 4 k1 g4; flatten; dense classes", "tanh", 2, 5, 5},
    {"maxpool", "conv 3 k3; maxpool 2; dense classes", "tanh", 1, 6, 6},
    {"avgpool", "conv 3 k3; avgpool 3 s2; dense classes", "tanh", 1, 7, 7},
    {"gap", "conv 5 k3; act; gap; dense classes", "mish", 2, 5, 5},
    {"batchnorm", "conv 3 k3; bn; act; flatten; dense 6; bn; act; dense classes", "silu", 1, 5, 5},
    {"layernorm", "conv 3 k3; ln; act; dense 6; ln; dense classes", "gelu", 1, 5, 5},
    {"residual", "conv 3 k3; res { conv 3 k3; bn; act; conv 3 k3 }; act; gap; dense classes", "elu", 1, 5, 5},
    {"nested_residual", "res { dense 8; act; res { act; dense 8 } }; dense classes", "tanh", 8, 1, 1},
    {"dropout", "dense 9; act; dropout 0.3; dense classes", "tanh", 1, 4, 4},
    {"act_params", "conv 3 k3; act channel; dense 5; act; dense classes", "prelu", 1, 5, 5},
    {"act_unit", "dense 6; act unit; dense classes", "taf", 1, 3, 3},
    {"act_gated", "dense 8; act; dense classes", "glu", 1, 3, 3},
    {"act_stochastic", "dense 8; act; dense classes", "rrelu", 1, 3, 3},
    {"act_data", "dense 6; act; dense classes", "abrelu", 1, 3, 3},
};

static void fill(float *v, size_t n, uint64_t seed, double scale)
{
    for (size_t i = 0; i < n; i++) v[i] = (float)((2 * net_uniform(seed, i) - 1) * scale);
}

/* the loss with every layer's random stream rewound, so each evaluation draws the same */
static double loss_at(activ_net *net, const float *x, const uint8_t *y, size_t n, int backward)
{
    for (int i = 0; i < net->nlayers; i++) net->layers[i].step = 0;
    const float *z = net_forward(net, x, n, 1);
    double loss = net_softmax_xent(z, y, n, net->classes, net->grad[net->nlayers - 1], NULL);
    if (backward) net_backward(net, x, n);
    return loss;
}

static int test_grad(const char *name)
{
    for (size_t c = 0; c < sizeof grad_cases / sizeof *grad_cases; c++) {
        if (strcmp(name, grad_cases[c].name)) continue;
        char err[256];
        const int classes = 3;
        activ_net *net = activ_net_build(grad_cases[c].model, grad_cases[c].act, grad_cases[c].c, grad_cases[c].h,
                                         grad_cases[c].w, classes, "xavier", 7, err, sizeof err);
        CHECK(net, "build: %s", err);
        if (!net) return 1;
        const size_t n = 5, dim = (size_t)grad_cases[c].c * grad_cases[c].h * grad_cases[c].w;
        float *x = malloc(n * dim * sizeof *x);
        uint8_t y[5] = {0, 1, 2, 1, 0};
        fill(x, n * dim, 11, 1.5);
        net_reserve(net, n);
        net_param *ps[64];
        size_t np = net_param_list(net, ps, 64);
        /* perturb activation parameters off their defaults so their gradients are generic */
        for (size_t k = 0; k < np; k++)
            if (ps[k]->act)
                for (size_t j = 0; j < ps[k]->n; j++) ps[k]->v[j] += (float)(0.1 * (j % 3) + 0.05);
        loss_at(net, x, y, n, 1);
        size_t checked = 0;
        for (size_t k = 0; k < np; k++) {
            net_param *P = ps[k];
            float *g = malloc(P->n * sizeof *g);
            memcpy(g, P->g, P->n * sizeof *g);
            for (size_t j = 0; j < P->n; j += 1 + P->n / 7) {
                const float keep = P->v[j], h = 1e-3f * (fabsf(keep) > 1 ? fabsf(keep) : 1);
                P->v[j] = keep + h;
                const double up = loss_at(net, x, y, n, 0);
                P->v[j] = keep - h;
                const double down = loss_at(net, x, y, n, 0);
                P->v[j] = keep;
                const double fd = (up - down) / (2.0 * h);
                CHECK(fabs(fd - g[j]) <= 2e-3 + 2e-2 * fabs(fd), "%s: param %zu[%zu]: backward %.6g, differences %.6g",
                      name, k, j, g[j], fd);
                checked++;
            }
            free(g);
        }
        printf("%s: %zu parameter gradients checked over %zu tensors, %d failures\n", name, checked, np, failures);
        free(x);
        activ_net_free(net);
        return failures != 0;
    }
    printf("unknown gradient case %s\n", name);
    return 2;
}

/* conv and pooling forward against the textbook loops: the gradient checks alone would pass a
   consistently wrong (shifted, mis-padded) window */
static int test_forward(void)
{
    static const struct {
        int c, h, w, f, k, s, p, g;
    } cases[] = {{1, 7, 6, 3, 3, 1, 1, 1}, {2, 8, 8, 4, 3, 2, 0, 1}, {4, 6, 5, 4, 3, 1, 1, 4},
                 {4, 9, 9, 6, 5, 2, 2, 2}, {3, 5, 5, 2, 1, 1, 0, 1}, {2, 6, 7, 2, 4, 3, 2, 2},
                 /* the Winograd path (3x3, stride 1, 4+ channels): paddings 0-2, odd and even sizes, cnn's conv2 */
                 {5, 7, 6, 4, 3, 1, 1, 1}, {4, 9, 8, 6, 3, 1, 0, 1}, {6, 5, 7, 5, 3, 1, 2, 1},
                 {32, 14, 14, 64, 3, 1, 1, 1}};
    char err[256], model[128];
    for (size_t t = 0; t < sizeof cases / sizeof *cases; t++) {
        const int C = cases[t].c, H = cases[t].h, W = cases[t].w, F = cases[t].f, K = cases[t].k, S = cases[t].s,
                  P = cases[t].p, G = cases[t].g;
        const int Ho = (H + 2 * P - K) / S + 1, Wo = (W + 2 * P - K) / S + 1, n = 3;
        snprintf(model, sizeof model, "conv %d k%d s%d p%d g%d; dense classes", F, K, S, P, G);
        activ_net *net = activ_net_build(model, "relu", C, H, W, 2, "torch", 3, err, sizeof err);
        CHECK(net, "%s: %s", model, err);
        if (!net) continue;
        net_reserve(net, n);
        float *x = malloc((size_t)n * C * H * W * sizeof *x);
        fill(x, (size_t)n * C * H * W, t + 1, 1);
        net_forward(net, x, n, 0);
        const float *y = net->out[0], *wt = net->layers[0].params[0].v, *b = net->layers[0].params[1].v;
        double worst = 0;
        for (int s = 0; s < n; s++)
            for (int f = 0; f < F; f++)
                for (int oy = 0; oy < Ho; oy++)
                    for (int ox = 0; ox < Wo; ox++) {
                        const int g = f / (F / G), Cg = C / G;
                        double acc = b[f];
                        for (int ci = 0; ci < Cg; ci++)
                            for (int ky = 0; ky < K; ky++)
                                for (int kx = 0; kx < K; kx++) {
                                    const int iy = oy * S - P + ky, ix = ox * S - P + kx;
                                    if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
                                    acc += (double)wt[((f * Cg + ci) * K + ky) * K + kx] *
                                           x[((s * C + g * Cg + ci) * H + iy) * W + ix];
                                }
                        const double d = fabs(acc - y[((s * F + f) * Ho + oy) * Wo + ox]);
                        worst = d > worst ? d : worst;
                    }
        CHECK(worst < 1e-5, "%s on %dx%dx%d: differs from the direct convolution by %g", model, C, H, W, worst);
        free(x);
        activ_net_free(net);
    }
    /* pooling: max and average, 2x2/2 (its own path) and 3x3/2 */
    const char *pools[] = {"maxpool 2", "maxpool 3 s2", "avgpool 2", "avgpool 3 s2"};
    for (int t = 0; t < 4; t++) {
        snprintf(model, sizeof model, "%s; dense classes", pools[t]);
        const int C = 2, H = 7, W = 8, n = 2, K = t % 2 ? 3 : 2, S = 2, mx = t < 2;
        activ_net *net = activ_net_build(model, "relu", C, H, W, 2, "torch", 3, err, sizeof err);
        CHECK(net, "%s: %s", model, err);
        if (!net) continue;
        net_reserve(net, n);
        float x[2 * 2 * 7 * 8];
        fill(x, sizeof x / sizeof *x, 17 + t, 1);
        net_forward(net, x, n, 0);
        const int Ho = (H - K) / S + 1, Wo = (W - K) / S + 1;
        for (int pl = 0; pl < n * C; pl++)
            for (int oy = 0; oy < Ho; oy++)
                for (int ox = 0; ox < Wo; ox++) {
                    double m = -INFINITY, sum = 0;
                    for (int a = 0; a < K; a++)
                        for (int c = 0; c < K; c++) {
                            const float v = x[(pl * H + oy * S + a) * W + ox * S + c];
                            m = v > m ? v : m, sum += v;
                        }
                    const double want = mx ? m : sum / (K * K), got = net->out[0][(pl * Ho + oy) * Wo + ox];
                    CHECK(fabs(want - got) < 1e-6, "%s: plane %d (%d,%d): %g, expected %g", pools[t], pl, oy, ox, got,
                          want);
                }
        activ_net_free(net);
    }
    /* 2x2 max pool on ties and a NaN: the first maximum of each window (row by row) takes the whole gradient,
       a NaN wins its window; 14 wide, so the vector path's last block overlaps */
    {
        activ_net *net = activ_net_build("maxpool 2; dense classes", "relu", 1, 6, 14, 2, "torch", 3, err, sizeof err);
        CHECK(net, "maxpool ties: %s", err);
        if (net) {
            net_reserve(net, 1);
            float x[6 * 14], dy[3 * 7], dx[6 * 14];
            for (int i = 0; i < 6 * 14; i++) x[i] = (float)(net_mix((uint64_t)i) % 3);
            x[2 * 14 + 9] = NAN;
            for (int i = 0; i < 3 * 7; i++) dy[i] = (float)(i + 1);
            net_layer *L = &net->layers[0];
            net_forward(net, x, 1, 1);
            L->ops->backward(L, x, net->out[0], dy, dx, 1);
            for (int oy = 0; oy < 3; oy++)
                for (int ox = 0; ox < 7; ox++) {
                    const int at[4] = {2 * oy * 14 + 2 * ox, 2 * oy * 14 + 2 * ox + 1, (2 * oy + 1) * 14 + 2 * ox,
                                       (2 * oy + 1) * 14 + 2 * ox + 1};
                    int first = 0, has_nan = 0;
                    for (int k = 0; k < 4; k++) has_nan |= isnan(x[at[k]]);
                    for (int k = 1; k < 4; k++)
                        if (isnan(x[at[k]]) || (!isnan(x[at[first]]) && x[at[k]] > x[at[first]])) first = k;
                    const float got = net->out[0][oy * 7 + ox];
                    CHECK(has_nan ? isnan(got) : got == x[at[first]], "maxpool ties: (%d,%d) gives %g", oy, ox, got);
                    for (int k = 0; k < 4; k++)
                        CHECK(dx[at[k]] == (k == first ? dy[oy * 7 + ox] : 0.0f),
                              "maxpool ties: window (%d,%d) element %d has gradient %g", oy, ox, k, dx[at[k]]);
                }
            activ_net_free(net);
        }
    }
    printf("forward: conv (strides, padding, groups) and pooling equal the direct loops\n");
    return failures != 0;
}

/* the Winograd and im2col paths of a 3x3 conv agree on outputs and every gradient, input's included */
static int test_conv_paths(void)
{
    const char *model = "conv 6 k3 p1; act; conv 7 k3 p1; act; conv 5 k3 p2; flatten; dense classes";
    const int C = 2, H = 9, W = 8;
    const size_t n = 7, dim = (size_t)C * H * W;
    char err[256];
    activ_net *net[2];
    for (int i = 0; i < 2; i++) {
        if (i) setenv("ACTIV_CONV", "im2col", 1);
        net[i] = activ_net_build(model, "tanh", C, H, W, 3, "he", 5, err, sizeof err);
        CHECK(net[i], "build: %s", err);
        if (!net[i]) return 1;
        net_reserve(net[i], n);
    }
    unsetenv("ACTIV_CONV");
    float *x = malloc(n * dim * sizeof *x);
    fill(x, n * dim, 23, 1);
    const uint8_t y[7] = {0, 1, 2, 1, 0, 2, 2};
    double loss[2];
    for (int i = 0; i < 2; i++) loss[i] = loss_at(net[i], x, y, n, 1);
    CHECK(fabs(loss[0] - loss[1]) < 1e-5 * fabs(loss[1]), "loss %.9g (Winograd) against %.9g (im2col)", loss[0],
          loss[1]);
    net_param *pa[32], *pb[32];
    const size_t np = net_param_list(net[0], pa, 32);
    CHECK(np == net_param_list(net[1], pb, 32), "parameter lists differ");
    for (size_t k = 0; k < np; k++) {
        double worst = 0, scale = 0;
        for (size_t j = 0; j < pa[k]->n; j++) {
            const double d = fabs((double)pa[k]->g[j] - pb[k]->g[j]);
            worst = d > worst ? d : worst;
            scale = fabs(pb[k]->g[j]) > scale ? fabs(pb[k]->g[j]) : scale;
        }
        CHECK(worst <= 1e-5 * scale + 1e-7, "parameter %zu: gradients differ by %g (largest %g)", k, worst, scale);
    }
    printf("conv_paths: Winograd and im2col agree on the loss and %zu gradient tensors\n", np);
    free(x);
    activ_net_free(net[0]), activ_net_free(net[1]);
    return failures != 0;
}

/* a toy problem: which quadrant of an 8x8 image holds a bright square, under noise */
static void toy_data(activ_dataset *d, size_t n, uint64_t seed)
{
    memset(d, 0, sizeof *d);
    d->n = n, d->c = 1, d->h = d->w = 8, d->classes = 4;
    d->x = malloc(n * 64 * sizeof *d->x);
    d->y = malloc(n);
    for (size_t s = 0; s < n; s++) {
        const int label = (int)(net_uniform(seed, 3 * s) * 4);
        d->y[s] = (uint8_t)label;
        for (int i = 0; i < 64; i++) d->x[s * 64 + i] = (float)(0.6 * net_uniform(seed ^ 0xabc, s * 64 + i));
        const int oy = label / 2 * 4, ox = label % 2 * 4;
        for (int a = 1; a < 3; a++)
            for (int b = 1; b < 3; b++) d->x[s * 64 + (oy + a) * 8 + ox + b] += 0.5f;
    }
}

static void toy_free(activ_dataset *d)
{
    free(d->x), free(d->y);
}

static int train_toy(const char *model, const char *act, int threads, uint64_t seed, int epochs, size_t n,
                     activ_train_result *r)
{
    activ_dataset tr, va, te;
    toy_data(&tr, n, 1), toy_data(&va, 128, 2), toy_data(&te, 256, 3);
    activ_train_config cfg;
    activ_train_config_default(&cfg);
    cfg.model = model, cfg.act = act, cfg.epochs = epochs, cfg.batch = 32, cfg.threads = threads, cfg.seed = seed;
    char err[256];
    int rc = activ_train(&cfg, NULL, &tr, &va, &te, NULL, r, err, sizeof err);
    if (rc) printf("train: %s\n", err);
    toy_free(&tr), toy_free(&va), toy_free(&te);
    return rc;
}

static int test_toy(void)
{
    const char *models[] = {"mlp", "conv 8 k3; act; maxpool 2; conv 8 k3; act; maxpool 2; dense classes"};
    for (int m = 0; m < 2; m++) {
        activ_train_result r;
        CHECK(train_toy(models[m], "relu", 2, 5, 6, 512, &r) == 0, "toy training failed");
        printf("toy %s: test accuracy %.3f after %d epochs (best %d), loss %.4f\n", models[m], r.test_acc,
               r.epochs_run, r.best_epoch, r.log[r.epochs_run - 1].train_loss);
        CHECK(r.test_acc >= 0.95, "toy problem not learnt: %.3f", r.test_acc);
        CHECK(r.log[r.epochs_run - 1].train_loss < r.log[0].train_loss, "loss did not fall");
        activ_train_result_free(&r);
    }
    return failures != 0;
}

static int test_determinism(void)
{
    const char *model = "conv 6 k3; bn; act; dropout 0.2; res { conv 6 k3; act }; gap; dense classes";
    for (int threads = 1; threads <= 2; threads++) {
        activ_train_result a, b;
        train_toy(model, "rrelu", threads, 9, 2, 160, &a);
        train_toy(model, "rrelu", threads, 9, 2, 160, &b);
        CHECK(a.epochs_run == b.epochs_run, "epochs differ");
        for (int e = 0; e < a.epochs_run && e < b.epochs_run; e++)
            CHECK(a.log[e].train_loss == b.log[e].train_loss && a.log[e].val_acc == b.log[e].val_acc,
                  "%d threads, epoch %d: loss %.17g vs %.17g", threads, e + 1, a.log[e].train_loss, b.log[e].train_loss);
        CHECK(a.test_acc == b.test_acc, "test accuracy differs");
        activ_train_result_free(&a), activ_train_result_free(&b);
    }
    printf("determinism: same seed and threads give identical runs\n");
    return failures != 0;
}

static int test_checkpoint(const char *dir)
{
    char err[256], path[512], bad[600];
    snprintf(path, sizeof path, "%s/net.ckpt", dir);
    activ_net *a = activ_net_build("cnn", "prelu", 1, 28, 28, 10, "he", 3, err, sizeof err);
    activ_net *b = activ_net_build("cnn", "prelu", 1, 28, 28, 10, "he", 4, err, sizeof err);
    CHECK(a && b, "build: %s", err);
    float *x = malloc(2 * 784 * sizeof *x);
    fill(x, 2 * 784, 5, 1);
    net_reserve(a, 2), net_reserve(b, 2);
    CHECK(activ_net_save(a, path, err, sizeof err) == 0, "save: %s", err);
    CHECK(activ_net_load(b, path, err, sizeof err) == 0, "load: %s", err);
    float za[20], zb[20];
    memcpy(za, net_forward(a, x, 2, 0), sizeof za);
    memcpy(zb, net_forward(b, x, 2, 0), sizeof zb);
    CHECK(!memcmp(za, zb, sizeof za), "a loaded network computes something else");
    /* refused: another architecture, another activation, a flipped byte, a truncated file */
    activ_net *other = activ_net_build("mlp", "prelu", 1, 28, 28, 10, "he", 3, err, sizeof err);
    CHECK(activ_net_load(other, path, err, sizeof err) && strstr(err, "architecture"), "other model: %s", err);
    activ_net *relu = activ_net_build("cnn", "relu", 1, 28, 28, 10, "he", 3, err, sizeof err);
    CHECK(activ_net_load(relu, path, err, sizeof err) && strstr(err, "activation"), "other act: %s", err);
    FILE *f = fopen(path, "r+b");
    fseek(f, -100, SEEK_END);
    fputc(0x55, f);
    fclose(f);
    CHECK(activ_net_load(b, path, err, sizeof err) && strstr(err, "checksum"), "corrupt: %s", err);
    snprintf(bad, sizeof bad, "truncate -s 500 %s", path);
    CHECK(system(bad) == 0, "truncate");
    CHECK(activ_net_load(b, path, err, sizeof err) && strstr(err, "truncated"), "truncated: %s", err);
    printf("checkpoint: round trip exact; other model, other activation, corrupt and truncated files refused\n");
    free(x);
    activ_net_free(a), activ_net_free(b), activ_net_free(other), activ_net_free(relu);
    return failures != 0;
}

static int test_diverge(void)
{
    activ_dataset tr, te;
    toy_data(&tr, 256, 1), toy_data(&te, 64, 3);
    activ_train_config cfg;
    activ_train_config_default(&cfg);
    cfg.model = "dense 64; act; dense 64; act; dense classes", cfg.act = "exponential", cfg.optim = "sgd";
    cfg.lr = 50, cfg.epochs = 5, cfg.batch = 32, cfg.threads = 1;
    activ_train_result r;
    char err[256];
    CHECK(activ_train(&cfg, NULL, &tr, NULL, &te, NULL, &r, err, sizeof err) == 0, "%s", err);
    printf("diverge: diverged %d at epoch %d after %d whole epochs\n", r.diverged, r.diverged_epoch, r.epochs_run);
    CHECK(r.diverged && r.diverged_epoch >= 1 && r.diverged_epoch <= 5, "divergence not detected");
    activ_train_result_free(&r);
    toy_free(&tr), toy_free(&te);
    return failures != 0;
}

static int test_parse(void)
{
    static const struct {
        const char *model, *expect;
    } bad[] = {
        {"dense 10; wobble 3; dense classes", "unknown layer 'wobble'"},
        {"dense -4; dense classes", "bad unit count"},
        {"conv 8 k9 p0; dense classes", "does not fit"},
        {"conv 8 q3; dense classes", "unknown conv option"},
        {"avgpool 2 1s; dense classes", "unknown avgpool option"},
        {"res { dense 5 }; dense classes", "keep the shape"},
        {"res { dense 64 ; dense classes", "not closed"},
        {"dense 10; }", "without"},
        {"dense 12", "12 outputs"},
        {"conv 6 g4; dense classes", "groups"},
        {"act nosuchact; dense classes", "nosuchact"},
        {"dropout 1.5; dense classes", "rate"},
        {"", "no layers"},
        {"@/nonexistent/model.txt", "/nonexistent/model.txt"},
    };
    char err[256];
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        activ_net *net = activ_net_build(bad[i].model, "relu", 1, 8, 8, 10, "he", 1, err, sizeof err);
        CHECK(!net && strstr(err, bad[i].expect), "'%s': expected an error with '%s', got '%s'", bad[i].model,
              bad[i].expect, net ? "(built)" : err);
        activ_net_free(net);
    }
    CHECK(!activ_net_build("mlp", "relu", 1, 8, 8, 10, "gaussian", 1, err, sizeof err) && strstr(err, "initialiser"),
          "bad init: %s", err);
    for (const char *const *p = activ_model_presets(); *p; p++) {
        activ_net *net = activ_net_build(*p, "relu", 1, 28, 28, 10, "auto", 1, err, sizeof err);
        CHECK(net, "preset %s: %s", *p, err);
        if (net) printf("%s (%zu parameters):\n%s", *p, activ_net_param_count(net), activ_net_summary(net));
        activ_net_free(net);
    }
    /* the presets: mlp 784-256-256-10 and the small CNN have PyTorch's parameter counts */
    activ_net *mlp = activ_net_build("mlp", "relu", 1, 28, 28, 10, "auto", 1, err, sizeof err);
    activ_net *cnn = activ_net_build("cnn", "relu", 1, 28, 28, 10, "auto", 1, err, sizeof err);
    CHECK(activ_net_param_count(mlp) == 269322, "mlp has %zu parameters", activ_net_param_count(mlp));
    CHECK(activ_net_param_count(cnn) == 421642, "cnn has %zu parameters", activ_net_param_count(cnn));
    activ_net_free(mlp), activ_net_free(cnn);
    return failures != 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "grad")) return test_grad(argv[2]);
    if (argc >= 2 && !strcmp(argv[1], "toy")) return test_toy();
    if (argc >= 2 && !strcmp(argv[1], "forward")) return test_forward();
    if (argc >= 2 && !strcmp(argv[1], "conv_paths")) return test_conv_paths();
    if (argc >= 2 && !strcmp(argv[1], "determinism")) return test_determinism();
    if (argc >= 3 && !strcmp(argv[1], "checkpoint")) return test_checkpoint(argv[2]);
    if (argc >= 2 && !strcmp(argv[1], "diverge")) return test_diverge();
    if (argc >= 2 && !strcmp(argv[1], "parse")) return test_parse();
    if (argc >= 2 && !strcmp(argv[1], "list")) {
        for (size_t c = 0; c < sizeof grad_cases / sizeof *grad_cases; c++) printf("%s\n", grad_cases[c].name);
        return 0;
    }
    fprintf(stderr, "usage: test_net grad NAME | toy | determinism | checkpoint DIR | diverge | parse | list\n");
    return 2;
}
