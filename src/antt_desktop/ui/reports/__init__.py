"""Reports: statistics, periodic reports, BM1 and the annual report."""
