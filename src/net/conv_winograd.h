/*
 * Winograd F(2x2, 3x3) pieces for conv.c's 3x3 stride-1 path (see
 * conv_winograd.c for the algebra).  Transformed tensors are [16][rows][ld]:
 * tile position xi, then a channel or filter, then the tiles of a chunk of
 * images (image s's tiles start at t0 = s * wino_tiles(Ho, Wo)).
 */
#ifndef ACTIV_CONV_WINOGRAD_H
#define ACTIV_CONV_WINOGRAD_H

#include <stddef.h>

/* widest tile row the stack buffers hold: outputs up to 2 * WINO_MAX_TW columns; each row of a
   transformed tensor needs WINO_SLACK floats past its last tile (whole blocks of tiles are stored) */
enum { WINO_MAX_TW = 64, WINO_SLACK = 8 };

/* 2x2 output tiles covering an Ho x Wo output */
size_t wino_tiles(int Ho, int Wo);
/* U[16][F][C] = G w G^T of w[F][C][3][3]; flip: U[16][C][F] of the filters rotated by 180 degrees */
void wino_filters(const float *w, int F, int C, int flip, float *U);
/* dw[F][C][3][3] = G^T D G of D[16][F][C] */
void wino_filter_grads(const float *D, int F, int C, float *dw);
/* V = B^T d B of one image's C x H x W planes, zero-padded by pad, for an Ho x Wo output */
void wino_inputs(const float *x, int C, int H, int W, int pad, int Ho, int Wo, float *V, size_t ld, size_t t0);
/* y[F][Ho][Wo] = A^T M A + bias (bias may be NULL) of one image's tiles */
void wino_outputs(const float *M, int F, size_t ld, size_t t0, const float *bias, float *y, int Ho, int Wo);
/* Z = A g A^T of one image's 2x2 output-gradient tiles g of dy[F][Ho][Wo] */
void wino_output_grads(const float *dy, int F, int Ho, int Wo, float *Z, size_t ld, size_t t0);
/* M_xi[rows][T] = U_xi[rows][inner] V_xi[inner][T] for the 16 xi */
void wino_multiply(const float *U, int rows, int inner, const float *V, float *M, size_t T, size_t ld);
/* D_xi[F][C] += Z_xi[F][T] V_xi[C][T]^T for the 16 xi */
void wino_accumulate(const float *Z, int F, const float *V, int C, size_t T, size_t ld, float *D);

#endif
