using './main.bicep'

param appName = 'orders'
param enableRbac = false
