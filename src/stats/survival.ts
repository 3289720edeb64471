/**
 * Time to an event (a threshold reached) with right censoring: the Kaplan–Meier estimator, its
 * median and restricted mean, and paired comparisons of restricted times.
 */
export { kaplanMeier, type KaplanMeier, type KmPoint } from './kaplan-meier.js';
export { timeToEvent, type TimeToEvent } from './time-to-event.js';
export { pairedTimeToEvent, type PairedTimeToEvent } from './paired-time-to-event.js';
