/** Units in durations (src/app/format.ts). */
export const units = {
  seconds: '{{s}} s',
  minutes: '{{m}} min {{s}} s',
  hours: '{{h}} h {{m}} min',
};
