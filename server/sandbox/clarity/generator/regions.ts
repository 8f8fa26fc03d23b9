/**
 * How shoppers really type their state: the full name, the newspaper (AP) abbreviation, or the
 * code in the wrong case. Covers every region the shared ZIP table uses.
 */
export const REGIONS: Record<string, { name: string; ap: string; taxRate: number }> = {
  AK: { name: 'Alaska', ap: 'Alaska', taxRate: 0 }, AZ: { name: 'Arizona', ap: 'Ariz.', taxRate: 0.056 },
  CA: { name: 'California', ap: 'Calif.', taxRate: 0.0725 }, CO: { name: 'Colorado', ap: 'Colo.', taxRate: 0.029 },
  CT: { name: 'Connecticut', ap: 'Conn.', taxRate: 0.0635 }, DC: { name: 'District of Columbia', ap: 'D.C.', taxRate: 0.06 },
  FL: { name: 'Florida', ap: 'Fla.', taxRate: 0.06 }, GA: { name: 'Georgia', ap: 'Ga.', taxRate: 0.04 },
  HI: { name: 'Hawaii', ap: 'Hawaii', taxRate: 0.04 }, IL: { name: 'Illinois', ap: 'Ill.', taxRate: 0.0625 },
  IN: { name: 'Indiana', ap: 'Ind.', taxRate: 0.07 }, KY: { name: 'Kentucky', ap: 'Ky.', taxRate: 0.06 },
  LA: { name: 'Louisiana', ap: 'La.', taxRate: 0.0445 }, MA: { name: 'Massachusetts', ap: 'Mass.', taxRate: 0.0625 },
  MD: { name: 'Maryland', ap: 'Md.', taxRate: 0.06 }, ME: { name: 'Maine', ap: 'Maine', taxRate: 0.055 },
  MI: { name: 'Michigan', ap: 'Mich.', taxRate: 0.06 }, MN: { name: 'Minnesota', ap: 'Minn.', taxRate: 0.06875 },
  MO: { name: 'Missouri', ap: 'Mo.', taxRate: 0.04225 }, NC: { name: 'North Carolina', ap: 'N.C.', taxRate: 0.0475 },
  NH: { name: 'New Hampshire', ap: 'N.H.', taxRate: 0 }, NM: { name: 'New Mexico', ap: 'N.M.', taxRate: 0.04875 },
  NV: { name: 'Nevada', ap: 'Nev.', taxRate: 0.0685 }, NY: { name: 'New York', ap: 'N.Y.', taxRate: 0.08875 },
  OH: { name: 'Ohio', ap: 'Ohio', taxRate: 0.0575 }, OK: { name: 'Oklahoma', ap: 'Okla.', taxRate: 0.045 },
  OR: { name: 'Oregon', ap: 'Ore.', taxRate: 0 }, PA: { name: 'Pennsylvania', ap: 'Pa.', taxRate: 0.06 },
  PR: { name: 'Puerto Rico', ap: 'P.R.', taxRate: 0.115 }, TN: { name: 'Tennessee', ap: 'Tenn.', taxRate: 0.07 },
  TX: { name: 'Texas', ap: 'Tex.', taxRate: 0.0825 }, UT: { name: 'Utah', ap: 'Utah', taxRate: 0.061 },
  VT: { name: 'Vermont', ap: 'Vt.', taxRate: 0.06 }, WA: { name: 'Washington', ap: 'Wash.', taxRate: 0.065 },
  WI: { name: 'Wisconsin', ap: 'Wis.', taxRate: 0.05 },
  ON: { name: 'Ontario', ap: 'Ont.', taxRate: 0 }, QC: { name: 'Quebec', ap: 'Que.', taxRate: 0 },
  BC: { name: 'British Columbia', ap: 'B.C.', taxRate: 0 }, AB: { name: 'Alberta', ap: 'Alta.', taxRate: 0 },
};

export const taxRateOf = (code: string) => REGIONS[code]?.taxRate ?? 0.06;
