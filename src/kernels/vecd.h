/*
 * Vectors of VW doubles, for kernels that carry a lane in double and round
 * once (their float forms measured 1.4-3.7 ULP), and what they share.
 */
#ifndef ACTIV_VECD_H
#define ACTIV_VECD_H

#include "vec.h"

typedef double vd __attribute__((vector_size(VW * 8)));
typedef int64_t vdm __attribute__((vector_size(VW * 8)));

/* *h = e^-a in double for a >= 0 (lanes where keep is false, a past 200, are
   taken as 200: e^-200 is far below the float range): Cody-Waite reduction by
   ln 2, Taylor to degree 13 on |r| <= 0.35 (truncation 4e-18), scaled by 2^-n
   in the exponent bits.  Returned through a pointer: GCC's psABI rules make a
   double vector awkward to pass by value across these builds. */
V_INLINE void vd_expneg(vd a, vm keep, vd *h)
{
    /* a >= 0; lanes where keep is false (a past 200) are taken as 200 */
    a = (vd)(((vdm)a & __builtin_convertvector(keep, vdm)) | ((vdm)(a - a + 200.0) & ~__builtin_convertvector(keep, vdm)));
    vd t = a * 1.4426950408889634 + 0x1.8p52; /* n = round(a/ln 2) in the low bits */
    vd n = t - 0x1.8p52;
    vd r = -((a - n * 6.93147180369123816490e-01) - n * 1.90821492927058770002e-10); /* ln2 hi + lo */
    /* Horner written out (a loop over a constant table kept p in memory) */
    vd p = 1.0 / 479001600.0 + r * (1.0 / 6227020800.0);
    p = 1.0 / 39916800.0 + r * p, p = 1.0 / 3628800.0 + r * p, p = 1.0 / 362880.0 + r * p;
    p = 1.0 / 40320.0 + r * p, p = 1.0 / 5040.0 + r * p, p = 1.0 / 720.0 + r * p;
    p = 1.0 / 120.0 + r * p, p = 1.0 / 24.0 + r * p, p = 1.0 / 6.0 + r * p;
    p = 0.5 + r * p, p = 1.0 + r * p, p = 1.0 + r * p;
    vdm e = (1023 - ((vdm)t - 0x4338000000000000LL)) << 52;
    *h = p * (vd)e;
}

#endif
