# Side-by-side anchor for `npm run bench:forecast`: R's forecast package (Hyndman & Khandakar 2008) on the same
# origins as the TypeScript models. Usage: Rscript r-forecast.R counts.csv origins.csv horizon window_hours out.csv
# counts.csv: one column `count` (hourly, the whole series); origins.csv: one column `origin` (0-based hour index).
# Writes long-format rows: method,origin,h,mean,q05,...,q95,q025,q975,seconds
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
y <- read.csv(args[1])$count
origins <- read.csv(args[2])$origin
horizon <- as.integer(args[3])
window <- as.integer(args[4])
out <- args[5]
levels <- c(seq(10, 90, by = 10), 95)
rows <- list()
quantiles_from <- function(fc) {
  # central intervals at level L give quantiles (1 - L/100)/2 and (1 + L/100)/2
  q <- list()
  for (i in seq_along(levels)) {
    L <- levels[i]
    lo <- round((1 - L / 100) / 2, 3)
    hi <- round((1 + L / 100) / 2, 3)
    q[[sprintf("q%.3f", lo)]] <- pmax(as.numeric(fc$lower[, i]), 0)
    q[[sprintf("q%.3f", hi)]] <- pmax(as.numeric(fc$upper[, i]), 0)
  }
  q[["q0.500"]] <- pmax(as.numeric(fc$mean), 0)
  q
}
methods <- list(
  ets = function(train) forecast(ets(ts(train, frequency = 24)), h = horizon, level = levels),
  tbats = function(train) forecast(tbats(msts(train, seasonal.periods = c(24, 168)), use.box.cox = FALSE,
    use.parallel = FALSE), h = horizon, level = levels),
  auto.arima = function(train) forecast(auto.arima(ts(train, frequency = 24)), h = horizon, level = levels)
)
for (name in names(methods)) {
  for (o in origins) {
    train <- y[max(1, o - window + 1):o]
    t0 <- Sys.time()
    fc <- tryCatch(methods[[name]](train), error = function(e) NULL)
    secs <- as.numeric(difftime(Sys.time(), t0, units = "secs"))
    if (is.null(fc)) next
    q <- quantiles_from(fc)
    df <- data.frame(method = name, origin = o, h = seq_len(horizon) - 1, mean = pmax(as.numeric(fc$mean), 0))
    for (k in names(q)) df[[k]] <- q[[k]]
    df$seconds <- secs
    rows[[length(rows) + 1]] <- df
  }
}
write.csv(do.call(rbind, rows), out, row.names = FALSE)
