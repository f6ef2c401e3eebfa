/*
 * oneDNN's eltwise primitive (Debian libdnnl-dev) on the activations it
 * shares with activ, timed like `activ bench`: x ~ N(0, 2^2), dy ~ N(0, 1),
 * 64-byte aligned, pre-touched, out of place; median of 7 timings of a loop
 * of >= 5 ms.  Threads: OMP_NUM_THREADS.  Directions: "forward", "backward"
 * (from x: the plain algorithm, DNNL_ARG_SRC) and, where oneDNN has a
 * *_use_dst_for_bwd algorithm, "backward_y" (from y = f(x): DNNL_ARG_DST, as
 * activ_backward_from_output).  One JSON record per line:
 *   {"peer":"onednn","activation":...,"direction":...,"size":...,"threads":...,"ns_per_element":...}
 * Build: cc -O2 -fopenmp peer_dnnl.c -o peer_dnnl -ldnnl -lm
 * Run:   OMP_NUM_THREADS=1 ./peer_dnnl 1048576 16777216
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <omp.h>
#include <oneapi/dnnl/dnnl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define CHK(f)                                                                                               \
    do {                                                                                                     \
        if ((f) != dnnl_success) {                                                                           \
            fprintf(stderr, "%s:%d: %s failed\n", __FILE__, __LINE__, #f);                                   \
            exit(2);                                                                                         \
        }                                                                                                    \
    } while (0)

static const struct {
    const char *activ; /* the activ name */
    dnnl_alg_kind_t alg;
    float alpha, beta;
    dnnl_alg_kind_t dst_alg; /* the backward from the output, or 0 */
} algs[] = {
    {"relu", dnnl_eltwise_relu, 0, 0, dnnl_eltwise_relu_use_dst_for_bwd},
    {"leaky_relu", dnnl_eltwise_relu, 0.01f, 0, dnnl_eltwise_relu_use_dst_for_bwd},
    {"elu", dnnl_eltwise_elu, 1, 0, dnnl_eltwise_elu_use_dst_for_bwd},
    {"tanh", dnnl_eltwise_tanh, 0, 0, dnnl_eltwise_tanh_use_dst_for_bwd},
    {"sigmoid", dnnl_eltwise_logistic, 0, 0, dnnl_eltwise_logistic_use_dst_for_bwd},
    {"gelu", dnnl_eltwise_gelu_erf, 0, 0, 0},
    {"gelu_tanh", dnnl_eltwise_gelu_tanh, 0, 0, 0},
    {"silu", dnnl_eltwise_swish, 1, 0, 0},
    {"softplus", dnnl_eltwise_soft_relu, 0, 0, 0},
    {"mish", dnnl_eltwise_mish, 0, 0, 0},
    {"hard_swish", dnnl_eltwise_hardswish, 0, 0, 0},
    {"logsigmoid", dnnl_eltwise_logsigmoid, 0, 0, 0},
    {"hardtanh", dnnl_eltwise_clip, -1, 1, dnnl_eltwise_clip_v2_use_dst_for_bwd},
    {"exponential", dnnl_eltwise_exp, 0, 0, dnnl_eltwise_exp_use_dst_for_bwd},
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}
static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void exec(dnnl_primitive_t p, dnnl_stream_t s, int n, dnnl_exec_arg_t *a)
{
    CHK(dnnl_primitive_execute(p, s, n, a));
    CHK(dnnl_stream_wait(s));
}

static void record(const char *name, const char *dir, size_t n, double ns)
{
    printf("{\"peer\":\"onednn\",\"activation\":\"%s\",\"direction\":\"%s\",\"size\":%zu,\"threads\":%d,"
           "\"ns_per_element\":%.4f}\n",
           name, dir, n, omp_get_max_threads(), ns);
    fflush(stdout);
}

static double timed(dnnl_primitive_t p, dnnl_stream_t s, int na, dnnl_exec_arg_t *a, size_t n)
{
    exec(p, s, na, a);
    double t0 = now();
    exec(p, s, na, a);
    long reps = (long)(5e-3 / (now() - t0 + 1e-9)) + 1;
    double v[7];
    for (int k = 0; k < 7; k++) {
        double b = now();
        for (long r = 0; r < reps; r++) exec(p, s, na, a);
        v[k] = (now() - b) / reps / n * 1e9;
    }
    qsort(v, 7, sizeof *v, cmp);
    return v[3];
}

/* the backward of a *_use_dst_for_bwd algorithm, from y = f(x) (computed here into my) */
static void time_from_dst(dnnl_engine_t eng, dnnl_stream_t s, const dnnl_memory_desc_t *md, size_t k,
                          dnnl_memory_t mx, dnnl_memory_t my, dnnl_memory_t mdy, dnnl_memory_t mdx, size_t n)
{
    dnnl_eltwise_desc_t fd, bd;
    dnnl_primitive_desc_t fpd, bpd;
    dnnl_primitive_t fp, bp;
    CHK(dnnl_eltwise_forward_desc_init(&fd, dnnl_forward_training, algs[k].dst_alg, md, algs[k].alpha, algs[k].beta));
    CHK(dnnl_primitive_desc_create(&fpd, &fd, NULL, eng, NULL));
    CHK(dnnl_eltwise_backward_desc_init(&bd, algs[k].dst_alg, md, md, algs[k].alpha, algs[k].beta));
    CHK(dnnl_primitive_desc_create(&bpd, &bd, NULL, eng, fpd));
    CHK(dnnl_primitive_create(&fp, fpd));
    CHK(dnnl_primitive_create(&bp, bpd));
    dnnl_exec_arg_t fa[2] = {{DNNL_ARG_SRC, mx}, {DNNL_ARG_DST, my}};
    dnnl_exec_arg_t ba[3] = {{DNNL_ARG_DST, my}, {DNNL_ARG_DIFF_DST, mdy}, {DNNL_ARG_DIFF_SRC, mdx}};
    exec(fp, s, 2, fa);
    record(algs[k].activ, "backward_y", n, timed(bp, s, 3, ba, n));
    dnnl_primitive_destroy(fp), dnnl_primitive_destroy(bp);
    dnnl_primitive_desc_destroy(fpd), dnnl_primitive_desc_destroy(bpd);
}

int main(int argc, char **argv)
{
    dnnl_engine_t eng;
    dnnl_stream_t strm;
    CHK(dnnl_engine_create(&eng, dnnl_cpu, 0));
    CHK(dnnl_stream_create(&strm, eng, dnnl_stream_default_flags));
    for (int ai = 1; ai < argc; ai++) {
        size_t n = strtoull(argv[ai], NULL, 10);
        float *x = aligned_alloc(64, n * 4 + 64), *y = aligned_alloc(64, n * 4 + 64);
        float *dy = aligned_alloc(64, n * 4 + 64), *dx = aligned_alloc(64, n * 4 + 64);
        unsigned long long st = 88172645463325252ull;
        for (size_t i = 0; i < n; i++) {
            st ^= st << 13, st ^= st >> 7, st ^= st << 17;
            double u1 = ((st >> 11) + 0.5) * 0x1p-53;
            st ^= st << 13, st ^= st >> 7, st ^= st << 17;
            double z = sqrt(-2 * log(u1)) * cos(6.283185307179586 * (st >> 11) * 0x1p-53);
            x[i] = 2 * z, dy[i] = z * 0.5 + 0.25, y[i] = dx[i] = 0;
        }
        dnnl_dims_t dims = {(dnnl_dim_t)n};
        dnnl_memory_desc_t md;
        CHK(dnnl_memory_desc_init_by_tag(&md, 1, dims, dnnl_f32, dnnl_a));
        dnnl_memory_t mx, my, mdy, mdx;
        CHK(dnnl_memory_create(&mx, &md, eng, x));
        CHK(dnnl_memory_create(&my, &md, eng, y));
        CHK(dnnl_memory_create(&mdy, &md, eng, dy));
        CHK(dnnl_memory_create(&mdx, &md, eng, dx));
        for (size_t k = 0; k < sizeof algs / sizeof *algs; k++) {
            dnnl_eltwise_desc_t fd, bd;
            dnnl_primitive_desc_t fpd, bpd;
            dnnl_primitive_t fp, bp;
            CHK(dnnl_eltwise_forward_desc_init(&fd, dnnl_forward_training, algs[k].alg, &md, algs[k].alpha, algs[k].beta));
            CHK(dnnl_primitive_desc_create(&fpd, &fd, NULL, eng, NULL));
            CHK(dnnl_eltwise_backward_desc_init(&bd, algs[k].alg, &md, &md, algs[k].alpha, algs[k].beta));
            CHK(dnnl_primitive_desc_create(&bpd, &bd, NULL, eng, fpd));
            CHK(dnnl_primitive_create(&fp, fpd));
            CHK(dnnl_primitive_create(&bp, bpd));
            dnnl_exec_arg_t fa[2] = {{DNNL_ARG_SRC, mx}, {DNNL_ARG_DST, my}};
            dnnl_exec_arg_t ba[3] = {{DNNL_ARG_SRC, mx}, {DNNL_ARG_DIFF_DST, mdy}, {DNNL_ARG_DIFF_SRC, mdx}};
            record(algs[k].activ, "forward", n, timed(fp, strm, 2, fa, n));
            record(algs[k].activ, "backward", n, timed(bp, strm, 3, ba, n));
            dnnl_primitive_destroy(fp), dnnl_primitive_destroy(bp);
            dnnl_primitive_desc_destroy(fpd), dnnl_primitive_desc_destroy(bpd);
            if (algs[k].dst_alg) time_from_dst(eng, strm, &md, k, mx, my, mdy, mdx, n);
        }
        dnnl_memory_destroy(mx), dnnl_memory_destroy(my), dnnl_memory_destroy(mdy), dnnl_memory_destroy(mdx);
        free(x), free(y), free(dy), free(dx);
    }
    dnnl_stream_destroy(strm);
    dnnl_engine_destroy(eng);
    return 0;
}
