/** A share (0..1) as people read it: "67 %". The board, the reports and the pictures all say it this way. */
export const percent = (share: number): string => `${Math.round(share * 100)} %`;
