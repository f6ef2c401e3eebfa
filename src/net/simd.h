/*
 * Short fixed-width vectors for the engine's data-movement loops (Winograd
 * transforms, pooling), in GCC/Clang vector extensions: the portable build
 * gets SSE2, and NET_CLONES also compiles a function for AVX2 and AVX-512,
 * chosen when the program loads (an ifunc).  The activation kernels have
 * their own dispatch (src/kernels); these loops are too short and too
 * shape-bound for it.  Loads and stores are unaligned.
 */
#ifndef ACTIV_NET_SIMD_H
#define ACTIV_NET_SIMD_H

#include <stddef.h>
#include <string.h>

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define NET_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define NET_CLONES
#endif
#define NET_INLINE static inline __attribute__((always_inline))

typedef float v8 __attribute__((vector_size(8 * sizeof(float))));
typedef int v8i __attribute__((vector_size(8 * sizeof(int))));
typedef float v4 __attribute__((vector_size(4 * sizeof(float))));
typedef int v4i __attribute__((vector_size(4 * sizeof(int))));

NET_INLINE v8 ld8(const float *p)
{
    v8 v;
    memcpy(&v, p, sizeof v);
    return v;
}
NET_INLINE void st8(float *p, v8 v)
{
    memcpy(p, &v, sizeof v);
}
NET_INLINE v4 ld4(const float *p)
{
    v4 v;
    memcpy(&v, p, sizeof v);
    return v;
}
NET_INLINE void st4(float *p, v4 v)
{
    memcpy(p, &v, sizeof v);
}
NET_INLINE v4i ld4i(const int *p)
{
    v4i v;
    memcpy(&v, p, sizeof v);
    return v;
}
NET_INLINE void st4i(int *p, v4i v)
{
    memcpy(p, &v, sizeof v);
}
/* lanes of (a, b) picked by constant indices, 0..2n-1 */
#if defined(__clang__)
#define SHUFFLE8(a, b, ...) __builtin_shufflevector(a, b, __VA_ARGS__)
#define SHUFFLE4(a, b, ...) __builtin_shufflevector(a, b, __VA_ARGS__)
#else
#define SHUFFLE8(a, b, ...) __builtin_shuffle(a, b, (v8i){__VA_ARGS__})
#define SHUFFLE4(a, b, ...) __builtin_shuffle(a, b, (v4i){__VA_ARGS__})
#endif

/* x[0] + ... + x[n-1] in a fixed order (32 running sums), so a run repeats exactly; a plain loop is one
   dependent chain of adds, which C's rounding rules forbid the compiler to split */
NET_INLINE float net_sum(const float *x, size_t n)
{
    v8 s[4] = {{0}, {0}, {0}, {0}};
    size_t i = 0;
    for (; i + 32 <= n; i += 32)
        for (int k = 0; k < 4; k++) s[k] += ld8(x + i + 8 * k);
    const v8 t = (s[0] + s[1]) + (s[2] + s[3]);
    float sum = ((t[0] + t[1]) + (t[2] + t[3])) + ((t[4] + t[5]) + (t[6] + t[7]));
    for (; i < n; i++) sum += x[i];
    return sum;
}

#endif
