region = "eu-west-1" # c
replicas = -3
zones = ["a", "b",]
tags = {
  team = "web", "cost-center": 1e3
  nested = { x = [null, true] }
}
cert = file("x/${var.y}.pem")
tmpl = "$${a} ${b} %{ if c }d%{ endif }\u00e9"
/* block */ policy = <<-EOT
    line
  EOT
