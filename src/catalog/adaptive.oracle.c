/* MPFR oracles for adaptive.c: each forward straight from its definition. */
#include "oracle.h"

void activ_oracle_apl(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    /* max(0, x) + sum_s a_s*max(0, b_s - x); p: a1, a2, b1, b2 */
    ORA_TMP(y, t, acc);
    ora_relu(acc, x);
    for (int s = 0; s < 2; s++) {
        mpfr_sub(t, p[2 + s], x, ORA_RND);
        if (mpfr_sgn(t) > 0) {
            mpfr_mul(t, t, p[s], ORA_RND);
            mpfr_add(acc, acc, t, ORA_RND);
        }
    }
    mpfr_set(y, acc, ORA_RND);
    ORA_FREE(t, acc);
}

void activ_oracle_swish(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t);
    mpfr_mul(t, x, p[0], ORA_RND);
    ora_sigmoid(t, t);
    mpfr_mul(y, x, t, ORA_RND);
    ORA_FREE(t);
}

void activ_oracle_eswish(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t);
    ora_sigmoid(t, x);
    mpfr_mul(t, t, x, ORA_RND);
    mpfr_mul(y, t, p[0], ORA_RND);
    ORA_FREE(t);
}

void activ_oracle_flatten_t_swish(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_sgn(x) <= 0) {
        mpfr_set(y, p[0], ORA_RND);
        return;
    }
    ORA_TMP(y, t);
    ora_sigmoid(t, x);
    mpfr_mul(t, t, x, ORA_RND);
    mpfr_add(y, t, p[0], ORA_RND);
    ORA_FREE(t);
}

void activ_oracle_aria2(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    /* x*(1 + e^(-beta x))^(-alpha) = x*exp(-alpha*ln(1 + e^(-beta x))),
       the logarithm by ora_softplus so that e^(-beta x) cannot overflow */
    ORA_TMP(y, t);
    mpfr_mul(t, x, p[1], ORA_RND);
    mpfr_neg(t, t, ORA_RND);
    ora_softplus(t, t);
    mpfr_mul(t, t, p[0], ORA_RND);
    mpfr_neg(t, t, ORA_RND);
    mpfr_exp(t, t, ORA_RND);
    mpfr_mul(y, x, t, ORA_RND);
    ORA_FREE(t);
}

void activ_oracle_taf(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, d, b2);
    mpfr_sub(d, x, p[0], ORA_RND);
    mpfr_sqr(d, d, ORA_RND);
    mpfr_sqr(b2, p[1], ORA_RND);
    mpfr_add(d, d, b2, ORA_RND);
    mpfr_sqrt(y, d, ORA_RND);
    ORA_FREE(d, b2);
}

void activ_oracle_slaf(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    /* sum_{i<4} a_i x^i */
    ORA_TMP(y, acc, xi, t);
    mpfr_set_zero(acc, 1);
    mpfr_set_ui(xi, 1, ORA_RND);
    for (int i = 0; i < 4; i++) {
        mpfr_mul(t, p[i], xi, ORA_RND);
        mpfr_add(acc, acc, t, ORA_RND);
        mpfr_mul(xi, xi, x, ORA_RND);
    }
    mpfr_set(y, acc, ORA_RND);
    ORA_FREE(acc, xi, t);
}

void activ_oracle_melu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    /* PReLU(x; a) + sum_j c_j*max(L_j - |x - A_j|, 0) */
    static const double A[4] = {2.0, 1.0, 3.0, 0.5}, L[4] = {2.0, 1.0, 1.0, 0.5};
    ORA_TMP(y, acc, t);
    if (mpfr_sgn(x) > 0) mpfr_set(acc, x, ORA_RND);
    else mpfr_mul(acc, x, p[0], ORA_RND);
    for (int j = 0; j < 4; j++) {
        mpfr_sub_d(t, x, A[j], ORA_RND);
        mpfr_abs(t, t, ORA_RND);
        mpfr_d_sub(t, L[j], t, ORA_RND);
        if (mpfr_sgn(t) > 0) {
            mpfr_mul(t, t, p[1 + j], ORA_RND);
            mpfr_add(acc, acc, t, ORA_RND);
        }
    }
    mpfr_set(y, acc, ORA_RND);
    ORA_FREE(acc, t);
}

void activ_oracle_aaf(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    /* sigma(w x)*PReLU(x; p) + (1 - sigma(w x))*PELU(x; a, b) */
    ORA_TMP(y, z, g, h, pr, pe);
    mpfr_mul(z, x, p[0], ORA_RND);
    ora_sigmoid(g, z);
    mpfr_neg(z, z, ORA_RND);
    ora_sigmoid(h, z); /* 1 - sigma(w x) */
    if (mpfr_sgn(x) > 0) {
        mpfr_set(pr, x, ORA_RND);
        mpfr_mul(pe, x, p[2], ORA_RND);
        mpfr_div(pe, pe, p[3], ORA_RND);
    } else {
        mpfr_mul(pr, x, p[1], ORA_RND);
        mpfr_div(pe, x, p[3], ORA_RND);
        mpfr_expm1(pe, pe, ORA_RND);
        mpfr_mul(pe, pe, p[2], ORA_RND);
    }
    mpfr_mul(pr, pr, g, ORA_RND);
    mpfr_mul(pe, pe, h, ORA_RND);
    mpfr_add(y, pr, pe, ORA_RND);
    ORA_FREE(z, g, h, pr, pe);
}

void activ_oracle_kaf(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    /* sum_i alpha_i*exp(-gamma*(x - d_i)^2); d = numpy's linspace(-3, 3, 10)
       in double, the values the definition uses */
    static const double D[10] = {-3.0, -2.3333333333333335, -1.6666666666666667, -1.0, -0.3333333333333335,
                                 0.3333333333333335, 1.0, 1.666666666666667, 2.333333333333333, 3.0};
    ORA_TMP(y, acc, t);
    mpfr_set_zero(acc, 1);
    for (int i = 0; i < 10; i++) {
        mpfr_sub_d(t, x, D[i], ORA_RND);
        mpfr_sqr(t, t, ORA_RND);
        mpfr_mul(t, t, p[10], ORA_RND);
        mpfr_neg(t, t, ORA_RND);
        mpfr_exp(t, t, ORA_RND);
        mpfr_mul(t, t, p[i], ORA_RND);
        mpfr_add(acc, acc, t, ORA_RND);
    }
    mpfr_set(y, acc, ORA_RND);
    ORA_FREE(acc, t);
}

void activ_oracle_saf(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    /* Catmull-Rom through q_0..q_10 at t_i = -2 + 0.4 i, in s = (x + 2)/0.4 = 2.5 x + 5:
       f = (1/2) [1 u u^2 u^3] M [q_{i-1} q_i q_{i+1} q_{i+2}]^T, u = s - i, with
       M = [[0,2,0,0],[-1,0,1,0],[2,-5,4,-1],[-1,3,-3,1]] and phantom points
       q_{-1} = 2 q_0 - q_1, q_11 = 2 q_10 - q_9; outside [0, 10] the end lines. */
    static const int M[4][4] = {{0, 2, 0, 0}, {-1, 0, 1, 0}, {2, -5, 4, -1}, {-1, 3, -3, 1}};
    mpfr_prec_t pr = mpfr_get_prec(y) + 64;
    mpfr_t s, t, c, acc, up, q[4];
    mpfr_inits2(pr, s, t, c, acc, up, q[0], q[1], q[2], q[3], (mpfr_ptr)0);
    mpfr_mul_d(s, x, 2.5, ORA_RND);
    mpfr_add_ui(s, s, 5, ORA_RND);
    if (mpfr_sgn(s) < 0) { /* q_0 + s (q_1 - q_0) */
        mpfr_sub(t, p[1], p[0], ORA_RND);
        mpfr_mul(t, t, s, ORA_RND);
        mpfr_add(y, t, p[0], ORA_RND);
    } else if (mpfr_cmp_ui(s, 10) > 0) { /* q_10 + (s - 10)(q_10 - q_9) */
        mpfr_sub(t, p[10], p[9], ORA_RND);
        mpfr_sub_ui(s, s, 10, ORA_RND);
        mpfr_mul(t, t, s, ORA_RND);
        mpfr_add(y, t, p[10], ORA_RND);
    } else {
        long i = mpfr_get_si(s, MPFR_RNDD);
        if (i > 9) i = 9;
        mpfr_sub_si(s, s, i, ORA_RND); /* u */
        for (int j = 0; j < 4; j++) {
            long k = i - 1 + j;
            if (k < 0) { /* 2 q_0 - q_1 */
                mpfr_mul_2ui(q[j], p[0], 1, ORA_RND);
                mpfr_sub(q[j], q[j], p[1], ORA_RND);
            } else if (k > 10) { /* 2 q_10 - q_9 */
                mpfr_mul_2ui(q[j], p[10], 1, ORA_RND);
                mpfr_sub(q[j], q[j], p[9], ORA_RND);
            } else {
                mpfr_set(q[j], p[k], ORA_RND);
            }
        }
        mpfr_set_zero(acc, 1);
        mpfr_set_ui(up, 1, ORA_RND);
        for (int r = 0; r < 4; r++) { /* acc += u^r * (M[r] . q) */
            mpfr_set_zero(c, 1);
            for (int j = 0; j < 4; j++) {
                mpfr_mul_si(t, q[j], M[r][j], ORA_RND);
                mpfr_add(c, c, t, ORA_RND);
            }
            mpfr_mul(c, c, up, ORA_RND);
            mpfr_add(acc, acc, c, ORA_RND);
            mpfr_mul(up, up, s, ORA_RND);
        }
        mpfr_div_2ui(y, acc, 1, ORA_RND);
    }
    mpfr_clears(s, t, c, acc, up, q[0], q[1], q[2], q[3], (mpfr_ptr)0);
}

void activ_oracle_adaptive_tanh(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    /* tanh(n a x) */
    ORA_TMP(y, t);
    mpfr_mul(t, p[0], p[1], ORA_RND);
    mpfr_mul(t, t, x, ORA_RND);
    mpfr_tanh(y, t, ORA_RND);
    ORA_FREE(t);
}

void activ_oracle_abu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    /* w_id x + w_relu max(0, x) + w_tanh tanh x + w_elu ELU(x) + w_silu x sigma(x) */
    ORA_TMP(y, acc, t);
    mpfr_mul(acc, p[0], x, ORA_RND);
    ora_relu(t, x);
    mpfr_mul(t, t, p[1], ORA_RND);
    mpfr_add(acc, acc, t, ORA_RND);
    mpfr_tanh(t, x, ORA_RND);
    mpfr_mul(t, t, p[2], ORA_RND);
    mpfr_add(acc, acc, t, ORA_RND);
    if (mpfr_sgn(x) > 0) mpfr_set(t, x, ORA_RND);
    else mpfr_expm1(t, x, ORA_RND);
    mpfr_mul(t, t, p[3], ORA_RND);
    mpfr_add(acc, acc, t, ORA_RND);
    ora_sigmoid(t, x);
    mpfr_mul(t, t, x, ORA_RND);
    mpfr_mul(t, t, p[4], ORA_RND);
    mpfr_add(y, acc, t, ORA_RND);
    ORA_FREE(acc, t);
}
